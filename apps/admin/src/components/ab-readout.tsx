import type { RouterOutputs } from '@lede/api';
import { type Column, DataTable, formatPercent } from '@lede/ui';

type TReadout = RouterOutputs['admin']['metrics']['abReadout'];
type TArm = TReadout['arms'][number];

const nf = new Intl.NumberFormat('en-US');

function describeTest(a: TArm, reference: string | null): string {
  if (a.imported) return 'history, not tested';
  if (!a.versusReference) return a.modelVersion === reference ? 'reference' : '–';
  const t = a.versusReference;
  if (t.pValue === null) return 'not enough data';
  const sign = t.difference >= 0 ? '+' : '−';
  return `${sign}${Math.abs(t.difference * 100).toFixed(2)} pts, z = ${t.z.toFixed(2)}, p = ${t.pValue < 0.001 ? '< 0.001' : t.pValue.toFixed(3)}${t.significant ? ' (significant)' : ' (not significant)'}`;
}

const columns = (reference: string | null): Column<TArm>[] => [
  { key: 'arm', header: 'Arm', render: (a) => <span className={a.imported ? 'italic' : 'font-mono'}>{a.label}</span> },
  { key: 'share', header: 'Traffic now', align: 'right', render: (a) => (a.imported ? '–' : `${Math.round(a.trafficShare * 100)}%`) },
  { key: 'impressions', header: 'Impressions (n)', align: 'right', render: (a) => nf.format(a.impressions) },
  { key: 'clicks', header: 'Clicks', align: 'right', render: (a) => nf.format(a.clicks) },
  { key: 'ctr', header: 'CTR', align: 'right', render: (a) => formatPercent(a.ctr, 2) },
  { key: 'ci', header: '95% interval', align: 'right', render: (a) => `${formatPercent(a.ctr95.low, 2)} – ${formatPercent(a.ctr95.high, 2)}` },
  { key: 'test', header: `vs ${reference ?? 'reference'}`, render: (a) => describeTest(a, reference) },
];

/** Per-arm CTR with Wilson 95% intervals and a two-proportion z-test (α = 0.05) against the reference arm. */
export function AbReadout({ readout }: { readout: TReadout }) {
  return (
    <section aria-labelledby="ab-title" className="mt-6">
      <h2 id="ab-title" className="text-lg font-semibold">
        A/B readout
      </h2>
      <p className="mt-1 text-sm text-ink-muted">
        {readout.from} to {readout.to}, summed over days. Each arm is tested against {readout.reference ? <span className="font-mono">{readout.reference}</span> : 'the reference arm'} with a
        two-proportion z-test (two-sided, α = 0.05). Impressions imported from logs are shown as “Imported history (logs)”: they were never served by an arm.
      </p>
      <div className="mt-2">
        <DataTable label="A/B readout" columns={columns(readout.reference)} rows={readout.arms} rowKey={(a) => a.modelVersion} empty="No impressions per model version in this range." />
      </div>
    </section>
  );
}
