import { type BinnedFeatures } from './bins';
import { type RankingTree } from './model';

export interface TreeParams {
  maxDepth: number;
  /** Smallest sum of hessians in a child. */
  minChildWeight: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  learningRate: number;
  /** Features a tree may split on (column subsampling); all when undefined. */
  allowed?: Uint8Array;
}

interface Node {
  rows: Int32Array;
  depth: number;
  g: number;
  h: number;
  hist: Float64Array | null;
}

/**
 * Grows one regression tree depth-wise on gradients/hessians (second-order boosting), histogram split finding
 * with the subtraction trick (the larger child's histogram is the parent's minus the smaller one's).
 * Returns the tree and adds its predictions to `scores` for the given rows.
 */
export function growTree(data: BinnedFeatures, grad: Float64Array, hess: Float64Array, rows: Int32Array, params: TreeParams, scores: Float64Array): RankingTree {
  const { featureCount: F } = data;
  const nb = data.cuts.reduce((m, c) => Math.max(m, c.length), 0) + 1;
  const tree: RankingTree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const leafValue = (g: number, h: number) => (-g / (h + params.lambda)) * params.learningRate;
  const addNode = (g: number, h: number) => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(leafValue(g, h));
    return tree.feature.length - 1;
  };
  const buildHist = (r: Int32Array) => {
    const hist = new Float64Array(F * nb * 2);
    for (let k = 0; k < r.length; k++) {
      const row = r[k]!;
      const g = grad[row]!;
      const h = hess[row]!;
      const base = row * F;
      for (let f = 0; f < F; f++) {
        const idx = (f * nb + data.bins[base + f]!) * 2;
        hist[idx]! += g;
        hist[idx + 1]! += h;
      }
    }
    return hist;
  };
  let G = 0;
  let H = 0;
  for (const r of rows) {
    G += grad[r]!;
    H += hess[r]!;
  }
  const queue: { node: Node; id: number }[] = [{ node: { rows, depth: 0, g: G, h: H, hist: null }, id: addNode(G, H) }];
  while (queue.length) {
    const { node, id } = queue.shift()!;
    const asLeaf = () => {
      const v = tree.value[id]!;
      for (const r of node.rows) scores[r]! += v;
    };
    if (node.depth >= params.maxDepth || node.rows.length < 2) {
      asLeaf();
      continue;
    }
    const hist = node.hist ?? buildHist(node.rows);
    const parentGain = (node.g * node.g) / (node.h + params.lambda);
    let best = { gain: 1e-9, f: -1, b: -1, gl: 0, hl: 0 };
    for (let f = 0; f < F; f++) {
      if (params.allowed && !params.allowed[f]) continue;
      const cuts = data.cuts[f]!;
      let gl = 0;
      let hl = 0;
      for (let b = 0; b < cuts.length; b++) {
        const idx = (f * nb + b) * 2;
        gl += hist[idx]!;
        hl += hist[idx + 1]!;
        const hr = node.h - hl;
        if (hl < params.minChildWeight || hr < params.minChildWeight) continue;
        const gr = node.g - gl;
        const gain = (gl * gl) / (hl + params.lambda) + (gr * gr) / (hr + params.lambda) - parentGain;
        if (gain > best.gain) best = { gain, f, b, gl, hl };
      }
    }
    if (best.f < 0) {
      asLeaf();
      continue;
    }
    const leftRows: number[] = [];
    const rightRows: number[] = [];
    for (const r of node.rows) (data.bins[r * F + best.f]! <= best.b ? leftRows : rightRows).push(r);
    const l = { rows: Int32Array.from(leftRows), depth: node.depth + 1, g: best.gl, h: best.hl, hist: null as Float64Array | null };
    const r = { rows: Int32Array.from(rightRows), depth: node.depth + 1, g: node.g - best.gl, h: node.h - best.hl, hist: null as Float64Array | null };
    if (node.depth + 1 < params.maxDepth) {
      const [small, large] = l.rows.length <= r.rows.length ? [l, r] : [r, l];
      small.hist = buildHist(small.rows);
      large.hist = hist.map((v, i) => v - small.hist![i]!);
    }
    tree.feature[id] = best.f;
    tree.threshold[id] = data.cuts[best.f]![best.b]!;
    const li = addNode(l.g, l.h);
    const ri = addNode(r.g, r.h);
    tree.left[id] = li;
    tree.right[id] = ri;
    queue.push({ node: l, id: li }, { node: r, id: ri });
  }
  return tree;
}
