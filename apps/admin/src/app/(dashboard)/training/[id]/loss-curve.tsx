/** The training loss per step as an SVG line (small and dependency-free; redrawn on every poll). */
export function LossCurve({ curve }: { curve: [number, number][] }) {
  const W = 640;
  const H = 200;
  const pad = 36;
  if (curve.length < 2) return <p className="mt-2 text-sm text-ink-muted">The loss curve appears after the first steps.</p>;
  const xs = curve.map(([s]) => s);
  const ys = curve.map(([, l]) => l);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => pad + ((x - x0) / Math.max(1e-9, x1 - x0)) * (W - 2 * pad);
  const sy = (y: number) => H - pad + -((y - y0) / Math.max(1e-9, y1 - y0)) * (H - 2 * pad);
  const points = curve.map(([s, l]) => `${sx(s).toFixed(1)},${sy(l).toFixed(1)}`).join(' ');
  return (
    <svg role="img" aria-label={`Loss curve: ${ys[0]!.toFixed(3)} at step ${x0} to ${ys[ys.length - 1]!.toFixed(3)} at step ${x1}`} viewBox={`0 0 ${W} ${H}`} className="mt-2 w-full max-w-2xl rounded-md border border-rule">
      <polyline fill="none" stroke="currentColor" strokeWidth="1.5" points={points} />
      <text x={4} y={pad} fontSize="11">{y1.toFixed(3)}</text>
      <text x={4} y={H - pad} fontSize="11">{y0.toFixed(3)}</text>
      <text x={pad} y={H - 8} fontSize="11">step {x0}</text>
      <text x={W - pad} y={H - 8} fontSize="11" textAnchor="end">step {x1}</text>
    </svg>
  );
}
