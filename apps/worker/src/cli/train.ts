// npm run train -- [--days N] [--held-out-days N] [--epochs N] [--lr X] [--negatives K] [--seed S]
//   [--checkpoint-every N] [--queue] [--resume RUN_ID]
// Fine-tunes the user model on the database's logged clicks (DATABASE_URL), as the admin's "Start run" does.
// By default the run executes here and prints its progress; --queue leaves it for the worker; --resume
// continues a run that was interrupted from its last checkpoint. The last line is one JSON object.
import { getDb } from '@lede/db';
import { claimQueuedRun, executeTrainingRun, getTrainingRun, startTrainingRun, type TrainingProgress, ZTrainingParams } from '@lede/domain/training';

import { parseCliArgs, readInt, runCli, UsageError } from './args';

const usage = 'usage: npm run train -- [--days N] [--held-out-days N] [--epochs N] [--lr X] [--negatives K] [--seed S] [--checkpoint-every N] [--queue] [--resume RUN_ID]';

runCli(async () => {
  const { values } = parseCliArgs(
    {
      days: { type: 'string' }, 'held-out-days': { type: 'string' }, epochs: { type: 'string' }, lr: { type: 'string' },
      negatives: { type: 'string' }, seed: { type: 'string' }, 'checkpoint-every': { type: 'string' },
      queue: { type: 'boolean', default: false }, resume: { type: 'string' },
    },
    usage,
  );
  const db = getDb();
  try {
    let runId = values.resume;
    if (!runId) {
      const parsed = ZTrainingParams.safeParse({
        days: values.days ? readInt(values.days, 'days', 14) : undefined,
        heldOutDays: values['held-out-days'] ? readInt(values['held-out-days'], 'held-out-days', 1) : undefined,
        epochs: values.epochs ? readInt(values.epochs, 'epochs', 3) : undefined,
        lr: values.lr ? Number(values.lr) : undefined,
        negatives: values.negatives ? readInt(values.negatives, 'negatives', 4) : undefined,
        seed: values.seed ? readInt(values.seed, 'seed', 1) : undefined,
        checkpointEvery: values['checkpoint-every'] ? readInt(values['checkpoint-every'], 'checkpoint-every', 20) : undefined,
      });
      if (!parsed.success) throw new UsageError(`${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n${usage}`);
      runId = (await startTrainingRun(db, parsed.data, null)).id;
      console.error(`run ${runId} queued`);
      if (values.queue) {
        console.log(JSON.stringify({ runId, status: 'QUEUED' }));
        return;
      }
      if ((await claimQueuedRun(db)) !== runId) throw new Error('another queued run is older than this one; run the worker, or use --queue');
    }
    let last = '';
    const timer = setInterval(() => {
      void getTrainingRun(db, runId).then((run) => {
        const p = run.progress as Partial<TrainingProgress>;
        const line = `${p.phase ?? '…'} step ${p.step ?? 0}/${p.totalSteps ?? '?'} loss ${p.loss?.toFixed(4) ?? '-'} ${p.examplesPerSecond ?? '-'} ex/s eta ${p.etaSeconds ?? '-'} s`;
        if (line !== last) console.error((last = line));
      });
    }, 2000);
    const outcome = await executeTrainingRun(db, runId).finally(() => clearInterval(timer));
    const run = await getTrainingRun(db, runId);
    if (run.log) console.error(run.log.split('\n').slice(-6).join('\n'));
    console.log(JSON.stringify({ runId, outcome, modelVersion: run.modelVersionId, metrics: run.metrics, error: run.error }));
  } finally {
    await db.$disconnect();
  }
});
