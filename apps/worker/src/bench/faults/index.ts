// `npm run bench -- faults`: starts real processes and kills them. Each check prints what it saw:
//  - reader-kill: the reader app (production build) is killed with SIGKILL while readers send click batches;
//    every event whose batch got a 2xx must be in the database.
//  - worker-kill-import: the worker (PostgreSQL + Redis/BullMQ) is killed with SIGKILL in the middle of an
//    upload's import and started again; the import must finish exactly once (one `upload.import.succeeded`
//    audit entry, every article once) after BullMQ hands the stalled job to the new worker.
//  - worker-kill-reembed: the worker is killed with SIGKILL mid re-embedding (an encoder switch); written vectors
//    stay, the serving encoder and active model version do not change early, the switch job finishes after restart.
//  - worker-kill-training: the worker is killed with SIGKILL mid-training (a run started as the admin starts one);
//    the active model version never changes, the run resumes from its checkpoint once its lease lapses, succeeds
//    once and registers exactly one candidate version.
//  - postgres-outage: PostgreSQL is cut off under feed load through a TCP proxy (the system service is never
//    stopped); readers with signed ids (as the app's cookie) must keep getting pages (the fallback, or a ranking
//    from the pool and profiles in memory), never a 5xx, and ranked pages again by themselves.
//  - redis-outage: Redis is cut off through a TCP proxy this process controls (the system Redis is never
//    stopped); an upload must be refused with 503 at once, and an import queued after Redis is back must run once.
//    (The bench's own BullMQ QueueEvents connection logs ECONNRESET/EPIPE while Redis is cut: expected.)
import { type FaultCheck } from './check';
import { readerKill, workerKillImport, workerKillReembed } from './kills';
import { postgresOutage, redisOutage } from './outages';
import { workerKillTraining } from './training';

export type { FaultCheck } from './check';

export async function runFaults(only?: string[]): Promise<FaultCheck[]> {
  const checks: [string, () => Promise<FaultCheck>][] = [
    ['reader-kill', () => readerKill()],
    ['worker-kill-import', () => workerKillImport()],
    ['worker-kill-reembed', () => workerKillReembed()],
    ['worker-kill-training', () => workerKillTraining()],
    ['postgres-outage', () => postgresOutage()],
    ['redis-outage', () => redisOutage()],
  ];
  const out: FaultCheck[] = [];
  for (const [name, run] of checks) {
    if (only && !only.includes(name)) continue;
    console.error(`fault: ${name} …`);
    const check = await run().catch((err: unknown) => ({ name, ok: false, detail: `failed to run: ${err instanceof Error ? err.message : String(err)}` }));
    console.error(`fault: ${check.name}: ${check.ok ? 'OK' : 'FAILED'}: ${check.detail}`);
    out.push(check);
  }
  return out;
}
