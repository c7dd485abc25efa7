/**
 * Clustered synthetic unit vectors for benchmarks and tests, shaped like news embeddings: `topics` broad
 * directions, within each many stories (an event covered by ~`storySize` articles), each article its topic
 * plus its story plus Gaussian noise. Nearest neighbours are then the same story, then the same topic, as
 * with real headlines; one flat level of clusters would make every member of a topic nearly equidistant,
 * which no approximate index (and no reader) distinguishes. Deterministic for a seed.
 */
export function generateClusteredVectors(count: number, dims: number, { topics = 50, storySize = 20, seed = 1 } = {}): Float32Array {
  const random = createRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const stories = Math.max(1, Math.round(count / storySize));
  const topicOf = Array.from({ length: stories }, () => Math.floor(random() * topics));
  const centres = (n: number) => {
    const out = new Float32Array(n * dims);
    for (let t = 0; t < n; t++) writeUnit(out.subarray(t * dims, (t + 1) * dims), () => gauss());
    return out;
  };
  const topicCentres = centres(topics);
  const storyCentres = centres(stories);
  const out = new Float32Array(count * dims);
  const noise = 0.8 / Math.sqrt(dims);
  for (let i = 0; i < count; i++) {
    const s = Math.floor(random() * stories);
    const t = topicOf[s]!;
    writeUnit(out.subarray(i * dims, (i + 1) * dims), (j) => 0.8 * topicCentres[t * dims + j]! + 0.6 * storyCentres[s * dims + j]! + noise * gauss());
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
