// Bag-of-words TF-IDF over titles and abstracts: what simulated readers' tastes are made of, so that clicks
// follow the text of articles and not just their category labels.

/** Sparse, L2-normalised: term index -> weight. */
export type TermVector = Map<number, number>;

const stopwords = new Set(
  `about after again also amid and any are back because been before being but can can't come could day did don't
  even first for from get give had has have her hers here him his how i'm into it's its just know let like look
  make man more most new not now off old one only other our out over put said say says see she should some take
  than that the their them then there these they this time too two under use very want was way week well were what
  when where which while who why will with won't work would year you your`.split(/\s+/),
);

export function tokenize(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z][a-z'’-]*[a-z]/g) ?? [];
  return words.map((w) => w.replace(/’/g, "'").replace(/'s$/, '')).filter((w) => w.length >= 3 && !stopwords.has(w));
}

export interface TfidfModel {
  vectors: TermVector[];
  vocabulary: number;
}

/** Terms in fewer than `minDf` documents are noise; in more than `maxDfShare` of them, not informative. */
export function buildTfidf(docs: readonly string[], minDf = 2, maxDfShare = 0.2): TfidfModel {
  const tokens = docs.map(tokenize);
  const df = new Map<string, number>();
  for (const doc of tokens) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const index = new Map<string, number>();
  const idf: number[] = [];
  for (const [term, n] of [...df].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n < minDf || n > maxDfShare * docs.length) continue;
    index.set(term, idf.length);
    idf.push(Math.log(docs.length / n));
  }
  const vectors = tokens.map((doc) => {
    const tf = new Map<number, number>();
    for (const term of doc) {
      const i = index.get(term);
      if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    const v: TermVector = new Map();
    for (const [i, n] of tf) v.set(i, (1 + Math.log(n)) * (idf[i] ?? 0));
    return normalize(v);
  });
  return { vectors, vocabulary: idf.length };
}

export function normalize(v: TermVector): TermVector {
  let norm = 0;
  for (const w of v.values()) norm += w * w;
  norm = Math.sqrt(norm);
  if (norm === 0) return v;
  for (const [k, w] of v) v.set(k, w / norm);
  return v;
}

export function dot(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [k, w] of small) sum += w * (large.get(k) ?? 0);
  return sum;
}

export function centroid(vectors: readonly TermVector[]): TermVector {
  const sum: TermVector = new Map();
  for (const v of vectors) for (const [k, w] of v) sum.set(k, (sum.get(k) ?? 0) + w);
  return normalize(sum);
}
