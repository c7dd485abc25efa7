import fs from 'node:fs';
import path from 'node:path';

import { type Db } from '@lede/db';

import { BadItems, enforceBadItemPolicy } from '../bad-items';
import { ImportError } from '../errors';
import { checkMindFolder } from './mind-check';
import { type BehaviorState, createBehaviorState, importMindBehaviors } from './mind-behaviors';
import { importMindNews, scanFirstSeen } from './mind-news';
import { addSummary, createSummary, type ImportOptions, type ImportSummary } from '../types';

/**
 * Imports one MIND folder (news.tsv, and behaviors.tsv when present). Source defaults to "mind". Pass one
 * `state` to the splits of a data set, train first, and their `checked` bad lines (checkMindFolder on every
 * split first) so no split is written before all are checked; without it this folder is checked here.
 */
export async function importMind(
  db: Db,
  dir: string,
  options: ImportOptions = {},
  state: BehaviorState = createBehaviorState(),
  checked?: BadItems,
): Promise<ImportSummary> {
  const started = performance.now();
  const source = options.source ?? 'mind';
  const newsFile = path.join(dir, 'news.tsv');
  const behaviorsFile = path.join(dir, 'behaviors.tsv');
  if (!fs.existsSync(newsFile)) throw new ImportError(newsFile, undefined, 'not found (a MIND folder holds news.tsv)');
  const summary = createSummary();
  let skip = checked;
  if (!skip) {
    skip = new BadItems();
    await checkMindFolder(dir, source, skip);
    enforceBadItemPolicy(skip, options, summary);
  }
  const hasBehaviors = fs.existsSync(behaviorsFile);
  const firstSeen = hasBehaviors ? await scanFirstSeen(behaviorsFile) : { times: new Map<string, Date>() };
  const common = { source, onProgress: options.onProgress, batchSize: options.batchSize, skip };
  // A news item no behavior names gets no invented past date: it is dated now, as a live import would date
  // it, and the first split whose behaviors name it (a later dev import) brings the real date ('earliest').
  // Dating it at the log's start made every article a publisher's news file lists ahead of time look oldest.
  const fallback = new Date();
  const articleIds = await importMindNews(db, newsFile, { ...common, firstSeen, fallback, newArticles: options.newArticles }, summary);
  if (hasBehaviors) addSummary(summary, await importMindBehaviors(db, behaviorsFile, { ...common, articleIds, state }));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

const splitOrder = ['train', 'dev', 'valid', 'validation', 'test'];

function rankSplit(name: string): number {
  const i = splitOrder.findIndex((s) => name.toLowerCase().includes(s));
  return i === -1 ? splitOrder.length : i;
}

/** Subfolders holding news.tsv, train before dev before test: later splits' histories repeat earlier clicks. */
export function listMindSplits(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'news.tsv')))
    .map((e) => e.name)
    .sort((a, b) => rankSplit(a) - rankSplit(b) || a.localeCompare(b))
    .map((name) => path.join(dir, name));
}
