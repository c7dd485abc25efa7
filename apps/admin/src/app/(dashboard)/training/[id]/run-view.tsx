'use client';

import { useEffect, useState } from 'react';

import type { RouterOutputs } from '@lede/api';

import { LossCurve } from './loss-curve';
import { trpc } from './trpc-client';

type TRun = RouterOutputs['admin']['training']['get'];

const metricColumns = [['auc', 'AUC'], ['mrr', 'MRR'], ['ndcg5', 'nDCG@5'], ['ndcg10', 'nDCG@10'], ['recall10', 'Recall@10']] as const;
const rankerLabels: Record<string, string> = {
  finetuned: 'This run (user model and ranking model)', untrained: 'Hand-weighted blend, untrained attention pooling', active: 'Active version', popularity: 'Popularity', recency: 'Recency',
};
const live = (run: TRun) => run.status === 'QUEUED' || run.status === 'RUNNING';
const button = 'rounded-md px-3 py-1.5 text-sm font-medium';

/** A run's live view: polls every 1.5 s while it is queued or running. */
export function RunView({ initial }: { initial: TRun }) {
  const [run, setRun] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);
  const [share, setShare] = useState(10);
  // The promotion guard refuses a version worse than the active one on held-out days unless this is ticked.
  const [confirmWorse, setConfirmWorse] = useState(false);

  useEffect(() => {
    if (!live(run)) return;
    const timer = setInterval(() => {
      void trpc.admin.training.get.query({ id: run.id }).then(setRun).catch(() => undefined);
    }, 1500);
    return () => clearInterval(timer);
  }, [run]);

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      setMessage(done);
      setRun(await trpc.admin.training.get.query({ id: run.id }));
    } catch (err) {
      setMessage(err instanceof Error ? err.message : 'That did not work');
    }
  };
  const p = run.progress;
  const version = run.modelVersion;
  const pct = p.totalSteps ? Math.round((100 * p.step) / p.totalSteps) : 0;
  const otherArm = run.evaluation?.activeVersion ?? 'baseline';

  return (
    <div className="mt-4 space-y-6">
      <section aria-label="Status" className="text-sm">
        <p>
          Status: <strong data-testid="run-status">{run.status}</strong>
          {live(run) ? ` · ${p.phase}` : ''}
          {p.resumed ? ` · resumed ${p.resumed}× from a checkpoint` : ''}
        </p>
        <div role="progressbar" aria-label="Training progress" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} className="mt-2 h-2 w-full max-w-2xl rounded bg-rule">
          <div className="h-2 rounded bg-ink" style={{ width: `${pct}%` }} />
        </div>
        <p className="mt-2 tabular-nums">
          Step {p.step}/{p.totalSteps || '?'} · epoch {p.epoch}/{p.epochs || run.params.epochs} · loss {p.loss?.toFixed(4) ?? '–'} ·{' '}
          {p.examplesPerSecond ?? '–'} examples/s · ETA {p.etaSeconds !== null ? `${p.etaSeconds} s` : '–'} · {p.examples} examples
        </p>
        {p.ranking ? (
          <p className="mt-1 tabular-nums" data-testid="ranking-progress">
            Ranking model: {p.ranking.trees} trees (at most {p.ranking.maxTrees}) · validation AUC {p.ranking.validationAuc?.toFixed(4) ?? '–'}
          </p>
        ) : null}
        <p className="mt-1 text-ink-muted">
          {run.params.days} days of clicks, last {run.params.heldOutDays} held out · {run.params.epochs} epochs · lr {run.params.lr} · K = {run.params.negatives} · seed {run.params.seed}
        </p>
        {live(run) ? (
          <button type="button" className={`${button} mt-2 border border-rule`} onClick={() => void act(() => trpc.admin.training.cancel.mutate({ id: run.id }), 'Cancelled.')}>
            Cancel run
          </button>
        ) : null}
        {run.error ? <p role="alert" className="mt-2">Failed: {run.error}</p> : null}
        {message ? <p role="status" className="mt-2">{message}</p> : null}
      </section>

      <section aria-labelledby="loss">
        <h2 id="loss" className="text-lg font-semibold">Loss</h2>
        <LossCurve curve={p.curve} />
      </section>

      {run.evaluation ? (
        <section aria-labelledby="results">
          <h2 id="results" className="text-lg font-semibold">Held-out evaluation</h2>
          <p className="text-sm text-ink-muted">
            {run.evaluation.impressions} impressions from {run.evaluation.from.slice(0, 10)}; active version: {run.evaluation.activeVersion}
          </p>
          <table aria-label="Held-out metrics" className="mt-2 w-full max-w-2xl text-sm">
            <thead>
              <tr className="border-b border-rule text-left">
                <th scope="col" className="py-1 pr-4">Ranker</th>
                {metricColumns.map(([, h]) => (
                  <th key={h} scope="col" className="py-1 pr-4 text-right">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Object.entries(run.evaluation.rankers).map(([name, m]) => (
                <tr key={name} className="border-b border-rule last:border-b-0">
                  <th scope="row" className="py-1 pr-4 text-left font-normal">{rankerLabels[name] ?? name}</th>
                  {metricColumns.map(([k]) => (
                    <td key={k} className="py-1 pr-4 text-right tabular-nums">{m[k].toFixed(4)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {version ? (
        <section aria-labelledby="version" className="text-sm">
          <h2 id="version" className="text-lg font-semibold">Model version</h2>
          <p>
            <strong>{version.id}</strong> · {version.status} · traffic {Math.round(version.trafficShare * 100)}%
          </p>
          {version.status === 'CANDIDATE' ? (
            <div className="mt-2 flex flex-wrap items-center gap-3">
              <button type="button" className={`${button} bg-ink text-paper`} onClick={() => void act(() => trpc.admin.models.promote.mutate({ id: version.id, confirmWorse }), `Promoted ${version.id}: it now serves all traffic.`)}>
                Promote
              </button>
              <label>
                <input type="checkbox" checked={confirmWorse} onChange={(e) => setConfirmWorse(e.target.checked)} className="mr-1" />
                Promote even if worse than the active version on held-out days
              </label>
              <label>
                A/B share (%){' '}
                <input type="number" min={1} max={99} value={share} onChange={(e) => setShare(Number(e.target.value))} className="w-20 rounded-md border border-rule bg-surface px-2 py-1" />
              </label>
              <button
                type="button"
                className={`${button} border border-rule`}
                onClick={() =>
                  void act(
                    () => trpc.admin.models.split.mutate({ arms: [{ id: version.id, share: share / 100 }, { id: otherArm, share: 1 - share / 100 }] }),
                    `A/B test: ${version.id} ${share}%, ${otherArm} ${100 - share}%.`,
                  )
                }
              >
                Start A/B test
              </button>
            </div>
          ) : null}
          {version.status === 'ACTIVE' ? (
            <button type="button" className={`${button} mt-2 border border-rule`} onClick={() => void act(() => trpc.admin.models.rollback.mutate({}), 'Rolled back to the previous traffic split.')}>
              Roll back
            </button>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="log">
        <h2 id="log" className="text-lg font-semibold">Log</h2>
        {/* Long lines scroll: the region takes keyboard focus so it can be scrolled without a mouse. */}
        <pre tabIndex={0} role="region" aria-labelledby="log" className="mt-2 max-h-72 overflow-auto rounded-md border border-rule bg-surface p-2 text-xs">
          {run.log || '–'}
        </pre>
      </section>
    </div>
  );
}
