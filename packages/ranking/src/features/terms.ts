/**
 * Lexical side of the features: a TF-IDF keyword profile of what the reader clicked, matched against each
 * candidate (the "hybrid lexical + semantic" match of search engines). Terms are lower-cased words of three
 * letters or more outside a short stop list; term frequency is sublinear (1 + ln tf) as in BM25-style weighting.
 */
export type TermVector = ReadonlyMap<string, number>;

const STOP = new Set(
  'the and for with that this from are was were have has had not but you your they their them his her its our who what when where which why how will would can could about after over into than then there these those been being more most some such only also just like new says said out off per via get got one two'.split(' '),
);

export function tokenizeText(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((w) => w.length >= 3 && !STOP.has(w));
}

/** Raw sublinear term weights of one text (no IDF yet). */
export function countTerms(text: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w of tokenizeText(text)) tf.set(w, (tf.get(w) ?? 0) + 1);
  for (const [w, n] of tf) tf.set(w, 1 + Math.log(n));
  return tf;
}

/** Document frequencies over a set of texts' terms: ln((N + 1) / (df + 1)) + 1 per term. */
export class TermStats {
  private readonly df = new Map<string, number>();
  private docs = 0;

  add(terms: Iterable<string>): void {
    this.docs++;
    for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  /** Takes back an `add` (a set maintained incrementally, as the retrieval window is). */
  remove(terms: Iterable<string>): void {
    this.docs = Math.max(0, this.docs - 1);
    for (const t of terms) {
      const n = (this.df.get(t) ?? 0) - 1;
      if (n > 0) this.df.set(t, n);
      else this.df.delete(t);
    }
  }

  idf(term: string): number {
    return Math.log((this.docs + 1) / ((this.df.get(term) ?? 0) + 1)) + 1;
  }

  /** Unit-length TF-IDF vector of raw term weights. */
  weigh(tf: ReadonlyMap<string, number>): TermVector {
    const out = new Map<string, number>();
    let norm = 0;
    for (const [t, w] of tf) {
      const v = w * this.idf(t);
      out.set(t, v);
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, v] of out) out.set(t, v / norm);
    return out;
  }
}

/** Sum of unit term vectors, normalised: the reader's keyword profile. Null without any terms. */
export function buildKeywordProfile(vectors: readonly TermVector[]): TermVector | null {
  const sum = new Map<string, number>();
  for (const v of vectors) for (const [t, w] of v) sum.set(t, (sum.get(t) ?? 0) + w);
  let norm = 0;
  for (const w of sum.values()) norm += w * w;
  if (norm === 0) return null;
  norm = Math.sqrt(norm);
  for (const [t, w] of sum) sum.set(t, w / norm);
  return sum;
}

export function computeTermCosine(profile: TermVector, doc: TermVector): number {
  const small = profile.size < doc.size ? profile : doc;
  const large = small === profile ? doc : profile;
  // forEach, not for…of: no [term, weight] array per term (this runs for every candidate of every ranking).
  let s = 0;
  small.forEach((w, t) => {
    s += w * (large.get(t) ?? 0);
  });
  return s;
}
