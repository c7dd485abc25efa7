import Link from 'next/link';

import type { RouterOutputs } from '@lede/api';
import { type Column, DataTable, formatDate } from '@lede/ui';

type TRow = RouterOutputs['admin']['training']['compare'][number];

const metrics = [
  ['auc', 'AUC'],
  ['mrr', 'MRR'],
  ['ndcg5', 'nDCG@5'],
  ['ndcg10', 'nDCG@10'],
] as const;

/** "0.6123 (+0.0101)": the run's own model and its difference from the version active at evaluation. */
function renderMetric(r: TRow, k: (typeof metrics)[number][0]) {
  const d = r.candidate[k] - r.active[k];
  return (
    <span className="tabular-nums">
      {r.candidate[k].toFixed(4)}{' '}
      <span className={d < 0 ? 'text-danger' : 'text-ink-muted'}>
        ({d >= 0 ? '+' : '−'}
        {Math.abs(d).toFixed(4)})
      </span>
    </span>
  );
}

const columns: Column<TRow>[] = [
  {
    key: 'run',
    header: 'Run',
    render: (r) => (
      <Link className="underline" href={`/training/${r.runId}`}>
        {r.runId.slice(-8)}
      </Link>
    ),
  },
  { key: 'created', header: 'Started', render: (r) => formatDate(r.createdAt) },
  {
    key: 'version',
    header: 'Version',
    render: (r) => <span className="font-mono text-xs">{r.versionId ?? '–'}</span>,
  },
  {
    key: 'heldOut',
    header: 'Held out (n)',
    align: 'right',
    render: (r) => `from ${r.heldOutFrom.slice(0, 10)}, n = ${r.impressions.toLocaleString('en-US')}`,
  },
  ...metrics.map(([k, h]): Column<TRow> => ({
    key: k,
    header: h,
    align: 'right',
    render: (r) => renderMetric(r, k),
  })),
  {
    key: 'active',
    header: 'Against',
    render: (r) => <span className="font-mono text-xs">{r.activeVersion}</span>,
  },
];

/** Finished runs side by side on their held-out days. */
export function RunComparison({ rows }: { rows: TRow[] }) {
  return (
    <section aria-labelledby="compare" className="mt-8">
      <h2 id="compare" className="text-lg font-semibold">
        Compare runs
      </h2>
      <p className="mt-1 text-sm text-ink-muted">
        Held-out metrics of each finished run’s model; in brackets, the difference from the version that was active when the run was evaluated (runs hold out
        different days, so compare the differences).
      </p>
      <div className="mt-2">
        <DataTable label="Run comparison" columns={columns} rows={rows} rowKey={(r) => r.runId} empty="No finished run with a held-out evaluation yet." />
      </div>
    </section>
  );
}
