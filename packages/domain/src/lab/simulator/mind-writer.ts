import fs from 'node:fs';
import path from 'node:path';

import { formatMindTime } from '../../ingest/mind/mind-time';
import { type SimArticle } from './corpus';
import { type SimImpression } from './sessions';

export const clickProbabilitiesFile = 'click-probabilities.tsv';

/** TSV cells cannot hold tabs or line breaks. */
function clean(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ').trim();
}

function formatNews(a: SimArticle): string {
  return [a.externalId, a.category, '', clean(a.title), clean(a.abstract), a.url, '[]', '[]'].join('\t');
}

export function formatBehavior(imp: SimImpression, articles: readonly SimArticle[]): string {
  const id = (i: number) => articles[i]?.externalId ?? '';
  const items = imp.shown.map((a, pos) => `${id(a)}-${imp.clicked[pos] ? 1 : 0}`);
  return [imp.id, imp.reader, formatMindTime(imp.time), imp.history.map(id).join(' '), items.join(' ')].join('\t');
}

/**
 * Writes one MIND split: behaviors.tsv and a news.tsv of every article it names, in publication order; beside
 * them click-probabilities.tsv (not MIND: `impression id<TAB>p1 p2 …` in shown order, the click model's own
 * probabilities), from which `eval --suite` measures the ceiling a ranker could reach on this log.
 */
export function writeMindSplit(dir: string, impressions: readonly SimImpression[], articles: readonly SimArticle[]): void {
  fs.mkdirSync(dir, { recursive: true });
  const named = new Set<number>();
  for (const imp of impressions) for (const a of [...imp.history, ...imp.shown]) named.add(a);
  const news = [...named].sort((a, b) => a - b).flatMap((i) => (articles[i] ? [formatNews(articles[i])] : []));
  fs.writeFileSync(path.join(dir, 'news.tsv'), news.map((l) => `${l}\n`).join(''));
  fs.writeFileSync(path.join(dir, 'behaviors.tsv'), impressions.map((imp) => `${formatBehavior(imp, articles)}\n`).join(''));
  fs.writeFileSync(path.join(dir, clickProbabilitiesFile), impressions.map((imp) => `${imp.id}\t${imp.probabilities.map((p) => p.toPrecision(6)).join(' ')}\n`).join(''));
}
