import fs from 'node:fs';
import path from 'node:path';

import { type Db } from '@lede/db';

import { clickProbabilitiesFile, regimeNames, simulateReaders, type RegimeName } from '../simulator';
import { measureDiversity } from './diversity';
import { evaluateRankers, prepareMindSession, rankerNames, type EvaluationResult, type RankerName } from './index';
import { measureScores } from './offline';
import { comparePaired, type PairedComparison, type PairedDifference } from './significance';

export interface SuiteOptions {
  dir: string;
  regimes?: readonly RegimeName[];
  seeds?: readonly number[];
  users?: number;
  days?: number;
  /** The simulated days end here (default: today); fixed, a suite is the same run after run. */
  now?: Date;
  rankers?: readonly RankerName[];
  /** A fresh scratch database per log, and how to drop it. */
  createScratchDb: () => Promise<{ db: Db; dispose: () => Promise<void> }>;
  log?: (msg: string) => void;
}

export interface SuiteRow {
  regime: RegimeName;
  seed: number;
  /**
   * The ranker, `lede -semantic` for the ablation without encoder-based features, or `oracle`: the simulator's
   * own click probabilities, the ceiling no ranker can pass on this log (not a baseline).
   */
  ranker: string;
  auc: number;
  mrr: number;
  ndcg5: number;
  ndcg10: number;
  ild10: number;
  coverage10: number;
  impressions: number;
  /** Baselines only: lede minus this ranker per impression, with its 95% paired bootstrap interval. */
  ledeMinus?: PairedComparison;
}

/** Single-signal rankers and the learned keyword+popularity: `lede` must beat each in every regime and seed. */
export const suiteBaselines: readonly RankerName[] = ['popularity', 'recency', 'semantic', 'keyword', 'category', 'keyword+popularity'];

/**
 * Every regime × seed: simulates a log into DIR/<regime>-s<seed> (or reuses one already there), evaluates
 * every ranker plus `lede` without the encoder-based features, and writes DIR/suite.json.
 */
export async function runEvaluationSuite(opts: SuiteOptions): Promise<SuiteRow[]> {
  const log = opts.log ?? (() => undefined);
  const rankers = opts.rankers ?? rankerNames.filter((r) => r !== 'blend-untrained');
  const reuseVectors = new Map<string, Float32Array>();
  const rows: SuiteRow[] = [];
  for (const regime of opts.regimes ?? regimeNames) {
    for (const seed of opts.seeds ?? [1, 2]) {
      const out = path.join(opts.dir, `${regime}-s${seed}`);
      if (!fs.existsSync(path.join(out, 'dev', 'behaviors.tsv'))) {
        const s = await simulateReaders({ out, users: opts.users ?? 1500, days: opts.days ?? 10, seed, regime, now: opts.now });
        log(`simulated ${regime} seed ${seed}: ${s.impressions} impressions, CTR ${s.ctr.toFixed(3)}`);
      }
      const scratch = await opts.createScratchDb();
      try {
        const session = await prepareMindSession({ train: path.join(out, 'train'), dev: path.join(out, 'dev'), db: scratch.db, log, reuseVectors });
        const add = (results: EvaluationResult[], suffix = '') =>
          rows.push(
            ...results.map((r) => ({
              regime,
              seed,
              ranker: r.ranker + suffix + (r.diversity ? ` +${r.diversity}` : ''),
              auc: r.auc,
              mrr: r.mrr,
              ndcg5: r.ndcg5,
              ndcg10: r.ndcg10,
              ild10: r.ild10,
              coverage10: r.coverage10,
              impressions: r.impressions,
            })),
          );
        const scores = new Map<string, number[][]>();
        const results = await evaluateRankers(session, rankers, { seed, log, diversity: true }, (s, ranker) => scores.set(ranker, s));
        add(results);
        const ceiling = readClickProbabilities(path.join(out, 'dev'), session.impressionIds);
        if (ceiling) {
          const m = { ...measureScores(session.labeled, ceiling), ...measureDiversity(session.labeled, ceiling) };
          rows.push({ regime, seed, ranker: 'oracle', auc: m.auc, mrr: m.mrr, ndcg5: m.ndcg5, ndcg10: m.ndcg10, ild10: m.ild10, coverage10: m.coverage10, impressions: m.impressions });
        }
        const labels = session.labeled.map((imp) => imp.labels);
        const lede = scores.get('lede');
        for (const row of rows) {
          const own = scores.get(row.ranker);
          if (lede && own && row.regime === regime && row.seed === seed && suiteBaselines.includes(row.ranker as RankerName)) {
            row.ledeMinus = comparePaired(labels, lede, own, seed);
          }
        }
        if (rankers.includes('lede')) add(await evaluateRankers(session, ['lede'], { seed, log, ablate: 'semantic' }), ' -semantic');
        log(formatSuiteTable(rows.filter((r) => r.regime === regime && r.seed === seed)));
      } finally {
        await scratch.dispose();
      }
    }
  }
  fs.writeFileSync(path.join(opts.dir, 'suite.json'), JSON.stringify(rows, null, 1) + '\n');
  return rows;
}

/** The click model's probabilities for each impression (in `ids` order), or null when the log has none (not simulated). */
function readClickProbabilities(dir: string, ids: readonly string[]): number[][] | null {
  const file = path.join(dir, clickProbabilitiesFile);
  if (!fs.existsSync(file)) return null;
  const byId = new Map<string, number[]>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const [id, probabilities] = line.split('\t');
    if (id && probabilities) byId.set(id, probabilities.split(' ').map(Number));
  }
  const scores = ids.map((id) => byId.get(id));
  return scores.every((s) => s !== undefined) ? scores : null;
}

export function formatSuiteTable(rows: readonly SuiteRow[]): string {
  const head = '| regime | seed | ranker | AUC | MRR | nDCG@5 | nDCG@10 | ILD@10 | coverage@10 |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const f = (x: number) => x.toFixed(4);
  return [
    head,
    ...rows.map((r) => `| ${r.regime} | ${r.seed} | ${r.ranker} | ${f(r.auc)} | ${f(r.mrr)} | ${f(r.ndcg5)} | ${f(r.ndcg10)} | ${f(r.ild10)} | ${f(r.coverage10)} |`),
  ].join('\n');
}

/**
 * Regime/seed pairs where `lede` does not beat a baseline on AUC or nDCG@10: the suite's pass condition. Each
 * line gives the paired difference and its 95% interval, and says whether the loss is significant (the whole
 * interval below zero) or a tie (the interval spans zero).
 */
export function findSuiteFailures(rows: readonly SuiteRow[]): string[] {
  const failures: string[] = [];
  const keys = new Set(rows.map((r) => `${r.regime}|${r.seed}`));
  const f = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(3);
  const verdict = (d: PairedDifference | undefined) =>
    d ? ` (lede − it ${f(d.delta)}, 95% CI [${f(d.low)}, ${f(d.high)}]: ${d.high < 0 ? 'significant loss' : 'tie'})` : '';
  for (const key of keys) {
    const own = rows.filter((r) => `${r.regime}|${r.seed}` === key);
    const lede = own.find((r) => r.ranker === 'lede');
    if (!lede) continue;
    for (const b of own.filter((r) => suiteBaselines.includes(r.ranker as RankerName))) {
      const where = key.replace('|', ' seed ');
      if (lede.auc <= b.auc) failures.push(`${where}: AUC ${lede.auc} ≤ ${b.ranker} ${b.auc}${verdict(b.ledeMinus?.auc)}`);
      if (lede.ndcg10 <= b.ndcg10) failures.push(`${where}: nDCG@10 ${lede.ndcg10} ≤ ${b.ranker} ${b.ndcg10}${verdict(b.ledeMinus?.ndcg10)}`);
    }
  }
  return failures;
}

/**
 * Per regime/seed with an oracle row: the share of the oracle's AUC lift over random (0.5) that `lede` gets,
 * e.g. `mixed seed 1: lede 0.716, oracle 0.769 (80% of the lift)`.
 */
export function describeCeiling(rows: readonly SuiteRow[]): string[] {
  return rows.flatMap((oracle) => {
    const lede = oracle.ranker === 'oracle' && rows.find((r) => r.regime === oracle.regime && r.seed === oracle.seed && r.ranker === 'lede');
    if (!lede || oracle.auc <= 0.5) return [];
    const share = Math.round((100 * (lede.auc - 0.5)) / (oracle.auc - 0.5));
    return [`${oracle.regime} seed ${oracle.seed}: lede ${lede.auc.toFixed(3)}, oracle ${oracle.auc.toFixed(3)} (${share}% of the lift)`];
  });
}

/** Baselines that beat `lede` significantly (the 95% interval of lede − baseline entirely below zero). */
export function findSignificantLosses(rows: readonly SuiteRow[]): SuiteRow[] {
  return rows.filter((r) => r.ledeMinus && (r.ledeMinus.auc.high < 0 || r.ledeMinus.ndcg10.high < 0));
}

/** How many baseline comparisons lede wins significantly, ties and loses significantly, per metric. */
export function countSuiteOutcomes(rows: readonly SuiteRow[]): Record<'auc' | 'ndcg10', { wins: number; ties: number; losses: number }> {
  const count = (metric: 'auc' | 'ndcg10') => {
    const out = { wins: 0, ties: 0, losses: 0 };
    for (const r of rows) {
      const d = r.ledeMinus?.[metric];
      if (!d) continue;
      if (d.low > 0) out.wins++;
      else if (d.high < 0) out.losses++;
      else out.ties++;
    }
    return out;
  };
  return { auc: count('auc'), ndcg10: count('ndcg10') };
}
