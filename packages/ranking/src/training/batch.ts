import { createRng } from './params';
import { type GraphSpec } from './spec';

/** One impression answered by at least one click: the reader's clicks before it, what was clicked, what was not. */
export interface ClickImpression {
  /** Clicked-article vectors before the impression, most recent first (order does not matter to the model). */
  history: Float32Array[];
  clicked: Float32Array[];
  skipped: Float32Array[];
}

/** One training example: a click against K articles of the same impression that were not clicked. */
export interface TrainingExample {
  history: Float32Array[];
  clicked: Float32Array;
  negatives: Float32Array[];
}

/** Fixed-size tensors of one step; rows past the examples have weight 0. */
export interface Batch {
  hist: Float32Array;
  hmask: Float32Array;
  cands: Float32Array;
  cmask: Float32Array;
  weight: Float32Array;
  examples: number;
}

/**
 * Each click becomes an example with K negatives drawn (seeded) from the impression's non-clicked articles;
 * with fewer than K available, all of them (the rest of the slots are masked). Impressions without history
 * or without a non-clicked article carry no signal for the user model and are left out.
 */
export function buildExamples(impressions: ClickImpression[], negatives: number, seed: number): TrainingExample[] {
  const rng = createRng(seed);
  const examples: TrainingExample[] = [];
  for (const imp of impressions) {
    if (!imp.history.length || !imp.skipped.length) continue;
    for (const clicked of imp.clicked) {
      const pool = imp.skipped.slice();
      const picked: Float32Array[] = [];
      while (picked.length < negatives && pool.length) picked.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!);
      examples.push({ history: imp.history, clicked, negatives: picked });
    }
  }
  return examples;
}

/** A seeded permutation of 0..n-1 (Fisher–Yates). */
export function shuffledOrder(n: number, seed: number): number[] {
  const rng = createRng(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export function fillBatch(spec: GraphSpec, examples: readonly TrainingExample[]): Batch {
  const { batch: B, history: L, maxCandidates: C, dims: D } = spec;
  if (examples.length > B) throw new RangeError(`batch holds ${B} examples, got ${examples.length}`);
  const b: Batch = {
    hist: new Float32Array(B * L * D),
    hmask: new Float32Array(B * L),
    cands: new Float32Array(B * C * D),
    cmask: new Float32Array(B * C),
    weight: new Float32Array(B),
    examples: examples.length,
  };
  examples.forEach((ex, i) => {
    ex.history.slice(0, L).forEach((v, j) => {
      b.hist.set(v.subarray(0, D), (i * L + j) * D);
      b.hmask[i * L + j] = 1;
    });
    [ex.clicked, ...ex.negatives.slice(0, C - 1)].forEach((v, j) => {
      b.cands.set(v.subarray(0, D), (i * C + j) * D);
      b.cmask[i * C + j] = 1;
    });
    b.weight[i] = 1;
  });
  return b;
}

/** History tensors for the inference graph, `n` users at a time. */
export function fillHistories(spec: GraphSpec, histories: readonly Float32Array[][]) {
  const { history: L, dims: D } = spec;
  const hist = new Float32Array(histories.length * L * D);
  const hmask = new Float32Array(histories.length * L);
  histories.forEach((h, i) =>
    h.slice(0, L).forEach((v, j) => {
      hist.set(v.subarray(0, D), (i * L + j) * D);
      hmask[i * L + j] = 1;
    }),
  );
  return { hist, hmask };
}
