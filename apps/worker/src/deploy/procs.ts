// Real product processes for the scale deployment (`npm run scale`) and the soak and fault benchmarks: the
// reader and admin apps (production builds, `next start`) and the worker, each a child process that can be
// stopped or killed with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

import { repoRoot } from '@lede/db';
import { SECOND_MS } from '@lede/domain/shared';

import { readProcessEnv } from '../env';

export interface Proc {
  name: string;
  child: ChildProcess;
  port?: number;
  log: string[];
}

const nextBin = () => path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');

export interface StartOptions {
  /** Copies the process's output to this one's, each line prefixed with its name (a deployment's log). */
  echo?: boolean;
}

function start(name: string, args: string[], cwd: string, env: Record<string, string>, port?: number, opts: StartOptions = {}): Proc {
  const child = spawn(process.execPath, args, { cwd, env: { ...readProcessEnv(), NEXT_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  const keep = (b: Buffer) => {
    log.push(b.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (opts.echo) {
    readline.createInterface({ input: child.stdout }).on('line', (line) => console.log(`[${name}] ${line}`));
    readline.createInterface({ input: child.stderr }).on('line', (line) => console.error(`[${name}] ${line}`));
  }
  return { name, child, port, log };
}

/** One of the apps from its production build (`npx turbo run build --filter=@lede/reader --filter=@lede/admin`). */
export function startApp(
  app: 'reader' | 'admin',
  port: number,
  env: Record<string, string>,
  /** `public`: listen on every interface, as `next start` does, instead of 127.0.0.1 only. */
  opts: StartOptions & { name?: string; public?: boolean } = {},
): Proc {
  const dir = path.join(repoRoot, 'apps', app);
  if (!fs.existsSync(path.join(dir, '.next', 'BUILD_ID'))) {
    throw new Error(`apps/${app} has no production build: run npx turbo run build --filter=@lede/reader --filter=@lede/admin`);
  }
  const host = opts.public ? [] : ['--hostname', '127.0.0.1'];
  return start(opts.name ?? app, [nextBin(), 'start', '--port', String(port), ...host], dir, env, port, opts);
}

/**
 * The worker, as one process: node with tsx's loader, not tsx's CLI, which would run the worker as a child of
 * its own, so a SIGKILL would kill the wrapper and leave the real worker running, orphaned.
 */
export function startWorker(env: Record<string, string>, opts: StartOptions & { name?: string } = {}): Proc {
  return start(opts.name ?? 'worker', ['--import', 'tsx', 'apps/worker/src/main.ts'], repoRoot, env, undefined, opts);
}

/** Waits until the app answers health.ping (or `path`) with a 2xx. */
export async function waitForHttp(p: Proc, urlPath = '/api/trpc/health.ping', timeoutMs = 120 * SECOND_MS): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (p.child.exitCode !== null) throw new Error(`${p.name} exited with ${p.child.exitCode}:\n${p.log.join('').slice(-2000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${p.port}${urlPath}`, { signal: AbortSignal.timeout(5 * SECOND_MS) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`${p.name} did not answer within ${timeoutMs / 1000} s:\n${p.log.join('').slice(-2000)}`);
}

export async function stop(p: Proc, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
  p.child.kill(signal);
  await Promise.race([exited, sleep(10 * SECOND_MS).then(() => void p.child.kill('SIGKILL'))]);
}

/** Resident memory of the process and its descendants, MB (Linux /proc). */
export function rssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  let kb = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      kb += m ? Number(m[1]) : 0;
    } catch {
      // exited meanwhile
    }
    stack.push(...(children.get(p) ?? []));
  }
  return Math.round(kb / 1024);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
