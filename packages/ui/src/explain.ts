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
  because: { title: string }[];
  /** The editors removed the story after it was served. */
  removed?: boolean;
}

/**
 * "Why am I seeing this?" in plain words, from the ranking's score components and the read articles that drove
 * the pick. Thresholds follow the components' scales: each is in [0, 1] except the boost (1 = neutral).
 */
export function explainStory({ category, components: c, because, removed }: ExplainInput): string[] {
  if (removed || !c) return ['The editors have removed this story from the feed since it was shown to you.'];
  const reasons: string[] = [];
  if (c.pinned) reasons.push('The editors pinned this story to the top.');
  else if (c.editorialBoost > 1.001) reasons.push('The editors picked this story and gave it a boost.');
  const titles = because.map((b) => b.title).filter(Boolean);
  if (titles.length) reasons.push(`You read ${listTitles(titles)}.`);
  else if (c.semantic !== null && c.semantic >= 0.6) reasons.push('It is close to what you usually read.');
  if (c.categoryAffinity >= 0.5) reasons.push(`You often read ${formatCategory(category)}.`);
  if (c.freshness >= 0.7) reasons.push('It is fresh: published in the last few hours.');
  else if (c.freshness >= 0.4) reasons.push('It is recent news.');
  if (c.popularity >= 0.4) reasons.push('Many readers are opening it right now.');
  if (reasons.length === 0) reasons.push('It is one of today’s top stories for everyone, by freshness and popularity.');
  return reasons;
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
