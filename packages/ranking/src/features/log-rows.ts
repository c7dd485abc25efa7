import { type RankingDataset } from '../ltr/train';
import { normalizeVector } from '../vector-math';
import { buildReaderFacts, featureCount, type FeatureArticle, type HistoryFact, SHOWN_LIMIT, type ShownFact, writeFeatures } from './compute';
import { PopularityLog } from './popularity';
import { countTerms, TermStats } from './terms';

const DAY_MS = 86_400_000;

export interface LogArticle {
  category: string;
  subcategory?: string | null;
  publishedAt: Date | null;
  vector: Float32Array | null;
  /** Title and abstract. */
  text: string;
  /** Named-entity ids (MIND's WikidataIds); null/absent when the data has none. */
  entities?: ReadonlySet<string> | null;
}

export interface LogImpression {
  reader: string;
  time: Date;
  /** Article ids the log says the reader clicked before this impression, most recent first. */
  history: readonly string[];
  candidates: readonly { articleId: string; clicked: boolean }[];
  interests?: readonly string[];
}

export interface LogRowOptions {
  /**
   * When popularity and the reader's in-log clicks become known: `impression` (live serving: everything
   * before the impression) or `day` (the start of the impression's UTC day, as in a MIND dev day, whose
   * labels are not known while it is ranked).
   */
  knownFrom: 'impression' | 'day';
  /**
   * User vectors for histories of raw article vectors (most recent first), with the reader each history is
   * of (a cross-fitted user model scores a reader with the fold that never saw their clicks); null entries
   * rank without one.
   */
  encodeUsers: (histories: Float32Array[][], readers: string[]) => Promise<(Float32Array | null)[]>;
  /** Which impressions get rows (all of them feed popularity and histories). */
  emit?: (imp: LogImpression) => boolean;
  /** Skip impressions without a click or without a skip (no pair to learn from). */
  pairsOnly?: boolean;
}

export interface LogRows {
  data: RankingDataset;
  /** For each group, the impression it came from (index into the input). */
  source: number[];
}

const MAX_HISTORY = 50;

/**
 * Feature rows for logged impressions, point in time: the log is replayed in time order and each impression
 * sees the popularity, in-log clicks and article ages of its own moment (or the start of its day), never
 * later ones. Impressions must be sorted by time.
 */
export async function buildLogRows(impressions: readonly LogImpression[], articles: ReadonlyMap<string, LogArticle>, opts: LogRowOptions): Promise<LogRows> {
  const stats = new TermStats();
  const termsOf = new Map<string, Map<string, number>>();
  for (const [id, a] of articles) {
    const tf = countTerms(a.text);
    termsOf.set(id, tf);
    stats.add(tf.keys());
  }
  const facts = new Map<string, FeatureArticle>();
  const factOf = (id: string): FeatureArticle => {
    let f = facts.get(id);
    if (!f) {
      const a = articles.get(id);
      const tf = termsOf.get(id);
      f = {
        id,
        category: a?.category ?? '',
        subcategory: a?.subcategory ?? null,
        publishedAt: a?.publishedAt ?? null,
        unit: a?.vector ? normalizeVector(a.vector) : null,
        terms: tf ? stats.weigh(tf) : null,
        entities: a?.entities ?? null,
      };
      facts.set(id, f);
    }
    return f;
  };

  const popularity = new PopularityLog();
  const clicksOf = new Map<string, { articleId: string; time: number }[]>();
  // Each reader's impressions so far, oldest first; a row reads the prefix known at its `asOf` (`shownEnd`).
  const shownOf = new Map<string, ShownLog>();
  const pending: { index: number; asOf: Date; history: HistoryFact[]; ids: string[]; shown: ShownLog | undefined; shownEnd: number }[] = [];
  let previous = -Infinity;
  impressions.forEach((imp, index) => {
    const t = imp.time.getTime();
    if (t < previous) throw new Error('buildLogRows: impressions must be sorted by time');
    previous = t;
    const asOf = opts.knownFrom === 'day' ? new Date(Math.floor(t / DAY_MS) * DAY_MS) : imp.time;
    const own = clicksOf.get(imp.reader) ?? [];
    const emit = (opts.emit?.(imp) ?? true) && (!opts.pairsOnly || hasPair(imp));
    if (emit) {
      const clickedAt = new Map(own.map((c) => [c.articleId, c.time]));
      const ids: string[] = [];
      const seen = new Set<string>();
      const add = (id: string) => {
        if (seen.has(id) || ids.length >= MAX_HISTORY) return;
        seen.add(id);
        ids.push(id);
      };
      for (let i = own.length - 1; i >= 0; i--) if (own[i]!.time < asOf.getTime()) add(own[i]!.articleId);
      for (const id of imp.history) add(id);
      const history = ids.map((id) => ({ article: factOf(id), clickedAt: new Date(clickedAt.get(id) ?? t) }));
      const past = shownOf.get(imp.reader);
      let shownEnd = past?.length ?? 0;
      while (shownEnd > 0 && past![shownEnd - 1]!.time >= asOf.getTime()) shownEnd--;
      pending.push({ index, asOf, history, ids, shown: past, shownEnd });
    }
    let shown = shownOf.get(imp.reader);
    if (!shown) shownOf.set(imp.reader, (shown = []));
    for (const c of imp.candidates) {
      shown.push({ articleId: c.articleId, time: t, clicked: c.clicked });
      popularity.record(c.articleId, imp.time, imp.reader, c.clicked);
      if (c.clicked) {
        own.push({ articleId: c.articleId, time: t });
        clicksOf.set(imp.reader, own);
      }
    }
  });
  // Popularity must be read as of each impression, but it was recorded through the whole log: PopularityLog
  // counts only events before `asOf`, so reading after the replay gives the same answer as during it.
  const vectors = await opts.encodeUsers(
    pending.map((p) => p.ids.flatMap((id) => articles.get(id)?.vector ?? [])),
    pending.map((p) => impressions[p.index]!.reader),
  );
  const rows = pending.reduce((n, p) => n + (impressions[p.index]?.candidates.length ?? 0), 0);
  const x = new Float32Array(rows * featureCount);
  const labels = new Uint8Array(rows);
  const groups = new Int32Array(pending.length + 1);
  let row = 0;
  pending.forEach((p, g) => {
    const imp = impressions[p.index]!;
    const reader = buildReaderFacts(p.history, imp.interests ?? [], vectors[g] ?? null, shownFacts(p.shown, p.shownEnd, factOf));
    const now = imp.time;
    imp.candidates.forEach((c, position) => {
      const context = { now, hour: now.getUTCHours(), weekday: now.getUTCDay(), position };
      writeFeatures(reader, factOf(c.articleId), popularity.factsAt(c.articleId, p.asOf), context, x, row * featureCount);
      labels[row] = c.clicked ? 1 : 0;
      row++;
    });
    groups[g + 1] = row;
  });
  return { data: { x, featureCount, labels, groups }, source: pending.map((p) => p.index) };
}

type ShownLog = { articleId: string; time: number; clicked: boolean }[];

/** The latest SHOWN_LIMIT of the reader's first `end` impressions, most recent first, as serving reads them. */
function shownFacts(shown: ShownLog | undefined, end: number, factOf: (id: string) => FeatureArticle): ShownFact[] {
  const out: ShownFact[] = [];
  for (let i = end - 1; i >= 0 && out.length < SHOWN_LIMIT; i--) {
    const s = shown![i]!;
    const a = factOf(s.articleId);
    out.push({ articleId: s.articleId, category: a.category, unit: a.unit, clicked: s.clicked });
  }
  return out;
}

function hasPair(imp: LogImpression): boolean {
  const clicks = imp.candidates.filter((c) => c.clicked).length;
  return clicks > 0 && clicks < imp.candidates.length;
}
