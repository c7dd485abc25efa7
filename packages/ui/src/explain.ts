import { formatCategory } from './format';

export interface ExplainInput {
  category: string;
  components: {
    semantic: number | null;
    freshness: number;
    popularity: number;
    categoryAffinity: number;
    editorialBoost: number;
    pinned: boolean;
  } | null;
  /** The ranking model's per-feature contributions (empty when the fallback blend ranked). */
  contributions?: { feature: string; value: number; contribution: number }[];
  because: { title: string }[];
  /** The editors removed the story after it was served. */
  removed?: boolean;
}

/** log1p of "readers in the last 24 h" at or above which a story counts as read by many: 5 readers. */
const MANY_READERS = Math.log1p(5);

/**
 * "Why am I seeing this?" in plain words. With the ranking model's contributions, a reason is given only for
 * a signal that pushed the story up (positive contribution) and only when its fact holds: "fresh" needs a
 * story published in the last hours, "many readers" needs readers. Without contributions (fallback ranking)
 * the score components' thresholds decide; each is in [0, 1] except the boost (1 = neutral).
 */
export function explainStory({ category, components: c, contributions, because, removed }: ExplainInput): string[] {
  if (removed || !c) return ['The editors have removed this story from the feed since it was shown to you.'];
  const reasons: string[] = [];
  if (c.pinned) reasons.push('The editors pinned this story to the top.');
  else if (c.editorialBoost > 1.001) reasons.push('The editors picked this story and gave it a boost.');
  const titles = because.map((b) => b.title).filter(Boolean);
  if (contributions?.length) {
    reasons.push(...explainContributions(category, c, contributions, titles));
  } else {
    if (titles.length) reasons.push(`You read ${listTitles(titles)}.`);
    else if (c.semantic !== null && c.semantic >= 0.6) reasons.push('It is close to what you usually read.');
    if (c.categoryAffinity >= 0.5) reasons.push(`You often read ${formatCategory(category)}.`);
    if (c.freshness >= 0.7) reasons.push('It is fresh: published in the last few hours.');
    else if (c.freshness >= 0.4) reasons.push('It is recent news.');
    if (c.popularity >= 0.4) reasons.push('Many readers are opening it right now.');
  }
  if (reasons.length === 0) {
    reasons.push(contributions?.length ? 'Several small signals together placed it here; none stands out.' : 'It is one of today’s top stories for everyone, by freshness and popularity.');
  }
  return reasons;
}

function explainContributions(category: string, c: NonNullable<ExplainInput['components']>, contributions: NonNullable<ExplainInput['contributions']>, titles: string[]): string[] {
  const up = (features: string[]) => contributions.filter((x) => features.includes(x.feature)).reduce((s, x) => s + x.contribution, 0) > 0;
  const value = (feature: string) => contributions.find((x) => x.feature === feature)?.value;
  const reasons: { weight: number; text: string }[] = [];
  const add = (features: string[], text: string | null) => {
    if (!text || !up(features)) return;
    reasons.push({ weight: contributions.filter((x) => features.includes(x.feature)).reduce((s, x) => s + x.contribution, 0), text });
  };
  add(['semantic', 'maxSimilarity', 'meanSimilarity'], titles.length ? `You read ${listTitles(titles)}.` : 'It is close to what you usually read.');
  add(['keyword', 'keywordMax'], 'It shares keywords with stories you read.');
  // MISSING (-2) and 0 both mean no keyword in common with the latest clicks.
  add(['recentKeyword'], (value('recentKeyword') ?? 0) > 0 ? 'It follows on from what you read lately.' : null);
  // MISSING (-2) and 0 both mean no shared entity: only a real share earns the reason.
  add(['entityOverlap'], (value('entityOverlap') ?? 0) > 0 ? 'It is about people, places or things in stories you read.' : null);
  add(['categoryShare', 'subcategoryShare'], c.categoryAffinity > 0 ? `You often read ${formatCategory(category)}.` : null);
  add(['recentCategoryShare'], (value('recentCategoryShare') ?? 0) > 0 ? `You have been reading ${formatCategory(category)} lately.` : null);
  // Positive lift only: the reader opens this section more often than the others they are shown.
  add(['sectionLift'], (value('sectionLift') ?? 0) > 0 ? `You open ${formatCategory(category)} stories more often than others shown to you.` : null);
  add(['interestMatch'], value('interestMatch') === 1 ? `It is about ${formatCategory(category)}, one of your interests.` : null);
  add(['ageHours', 'ageVsPreference'], c.freshness >= 0.7 ? 'It is fresh: published in the last few hours.' : c.freshness >= 0.4 ? 'It is recent news.' : null);
  const readers = value('readers24h');
  add(['popularityCtr', 'popularityClicks', 'readers1h', 'readers24h', 'readers7d'], readers !== undefined && readers >= MANY_READERS ? 'Many readers are opening it right now.' : null);
  return reasons.sort((a, b) => b.weight - a.weight).map((r) => r.text);
}

function listTitles(titles: string[]): string {
  const quoted = titles.map((t) => `“${t}”`);
  if (quoted.length === 1) return quoted[0]!;
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]!}`;
}

/** Splits text into plain and marked parts by [start, end) ranges (sorted, not overlapping). */
export function splitHighlights(text: string, ranges: readonly (readonly [number, number])[]): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > text.length || start >= end) continue;
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    parts.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}
