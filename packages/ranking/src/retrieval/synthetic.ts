/**
 * Clustered synthetic unit vectors for benchmarks and tests: `topics` random centres, each vector its topic's
 * centre plus Gaussian noise, so nearest neighbours are mostly same-topic like news embeddings (a vector's
 * cosine to its centre is ~0.6 at the default spread). Deterministic for a seed.
 */
export function generateClusteredVectors(count: number, dims: number, { topics = 500, spread = 1.3, seed = 1 } = {}): Float32Array {
  const random = createRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const centres = new Float32Array(topics * dims);
  for (let t = 0; t < topics; t++) writeUnit(centres.subarray(t * dims, (t + 1) * dims), () => gauss());
  const out = new Float32Array(count * dims);
  const noise = spread / Math.sqrt(dims);
  for (let i = 0; i < count; i++) {
    const t = Math.floor(random() * topics);
    const centre = centres.subarray(t * dims, (t + 1) * dims);
    writeUnit(out.subarray(i * dims, (i + 1) * dims), (j) => centre[j]! + noise * gauss());
  }
  return out;
}

/** A reader-like query: the normalised mean of `clicks` vectors drawn from one to three topics' members. */
export function generateQueries(vectors: Float32Array, dims: number, count: number, { clicks = 10, seed = 2 } = {}): Float32Array {
  const random = createRandom(seed);
  const n = vectors.length / dims;
  const out = new Float32Array(count * dims);
  for (let q = 0; q < count; q++) {
    const row = out.subarray(q * dims, (q + 1) * dims);
    const anchors = Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * n));
    for (let c = 0; c < clicks; c++) {
      const a = anchors[c % anchors.length]!;
      for (let j = 0; j < dims; j++) row[j]! += vectors[a * dims + j]! + 0.3 * vectors[Math.floor(random() * n) * dims + j]!;
    }
    writeUnit(row, (j) => row[j]!);
  }
  return out;
}

function writeUnit(row: Float32Array, value: (j: number) => number) {
  let norm = 0;
  for (let j = 0; j < row.length; j++) {
    row[j] = value(j);
    norm += row[j]! ** 2;
  }
  norm = Math.sqrt(norm) || 1;
  for (let j = 0; j < row.length; j++) row[j]! /= norm;
}

/** xorshift32: fast, deterministic, good enough for test data. */
function createRandom(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s = (s ^ (s << 13)) >>> 0;
    s = (s ^ (s >>> 17)) >>> 0;
    s = (s ^ (s << 5)) >>> 0;
    return s / 2 ** 32;
  };
}
