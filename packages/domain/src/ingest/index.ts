import fs from 'node:fs';
import path from 'node:path';

import { type Db } from '@lede/db';

import { BadItems, enforceBadItemPolicy } from './bad-items';
import { ImportError } from './errors';
import { importFeed } from './rss/rss';
import { importJsonl } from './jsonl/jsonl';
import { importMind, listMindSplits } from './mind/mind';
import { checkMindFolder } from './mind/mind-check';
import { createBehaviorState } from './mind/mind-behaviors';
import { addSummary, createSummary, type ImportOptions, type ImportSummary } from './types';

export { InvalidItemsError } from './bad-items';
export { ImportError } from './errors';
export { importFeed, stripHtml } from './rss/rss';
export { importJsonl, parseJsonlArticle, scanPublishedRange } from './jsonl/jsonl';
export { importMind, listMindSplits } from './mind/mind';
export { createBehaviorState, importMindBehaviors, type BehaviorImportOptions, type BehaviorState } from './mind/mind-behaviors';
export { formatMindTime, parseMindTime } from './mind/mind-time';
export { createProgressReporter, type ProgressReporter } from './progress';
export type { ArticleRow } from './writer/article-writer';
export type { ImportOptions, ImportProgress, ImportSummary, NewArticleState, ProgressFn } from './types';

export type ImportFormat = 'jsonl' | 'mind' | 'mind-splits' | 'feed';

function sniffFile(file: string): ImportFormat | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(512);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (text.startsWith('{')) return 'jsonl';
    if (text.startsWith('<')) return 'feed';
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** What `importPath` would do with `target`: by folder layout, then extension, then the first bytes. */
export function detectFormat(target: string): ImportFormat {
  if (!fs.existsSync(target)) throw new ImportError(target, undefined, 'no such file or folder');
  if (fs.statSync(target).isDirectory()) {
    if (fs.existsSync(path.join(target, 'news.tsv'))) return 'mind';
    if (listMindSplits(target).length > 0) return 'mind-splits';
    throw new ImportError(target, undefined, 'folder holds neither news.tsv nor MIND split folders (train/, dev/)');
  }
  const ext = path.extname(target).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (['.xml', '.rss', '.atom'].includes(ext)) return 'feed';
  if (ext === '.tsv') return 'mind';
  const sniffed = sniffFile(target);
  if (sniffed) return sniffed;
  throw new ImportError(target, undefined, 'unknown format (expected .jsonl, an RSS/Atom .xml, or a MIND folder)');
}

/**
 * Imports a file or folder, detecting its format: JSONL articles, a MIND folder (or a folder of MIND splits, or
 * a news.tsv/behaviors.tsv inside one), an RSS 2.0 or Atom feed. Idempotent: importing again updates rows.
 */
export async function importPath(db: Db, target: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const format = detectFormat(target);
  let summary: ImportSummary;
  if (format === 'jsonl') summary = await importJsonl(db, target, options);
  else if (format === 'feed') summary = await importFeed(db, target, options);
  else if (format === 'mind') {
    const dir = fs.statSync(target).isDirectory() ? target : path.dirname(target);
    summary = await importMind(db, dir, options);
  } else {
    summary = createSummary();
    const state = createBehaviorState();
    const splits = listMindSplits(target);
    const bad = new BadItems();
    for (const split of splits) await checkMindFolder(split, options.source ?? 'mind', bad);
    enforceBadItemPolicy(bad, options, summary);
    for (const split of splits) addSummary(summary, await importMind(db, split, options, state, bad));
    summary.users = state.cache.size; // readers of several splits, once
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
