import { sizeOf, type GraphSpec } from './spec';

export type Params = Map<string, Float32Array>;

/** mulberry32: small, fast, seeded; the same seed gives the same parameters on every machine. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Box–Muller over the seeded uniform generator. */
function createNormal(rng: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/**
 * Weights ~ N(0, 1/fan_in); the adapter's up-projection and the attention output start at zero, so the
 * untrained model is additive-attention pooling of the raw clicked vectors and training moves from there.
 */
export function initParams(spec: GraphSpec, seed: number): Params {
  const normal = createNormal(createRng(seed));
  const params: Params = new Map();
  for (const p of spec.params) {
    const data = new Float32Array(sizeOf(p.shape));
    if (p.init === 'normal') {
      const std = 1 / Math.sqrt(p.shape[0] ?? 1);
      for (let i = 0; i < data.length; i++) data[i] = normal() * std;
    } else if (p.init === 'log10') {
      data.fill(Math.log(10));
    }
    params.set(p.name, data);
  }
  return params;
}

export function zerosLike(params: Params): Params {
  return new Map([...params].map(([k, v]) => [k, new Float32Array(v.length)]));
}

export function cloneParams(params: Params): Params {
  return new Map([...params].map(([k, v]) => [k, v.slice()]));
}
