import fs from 'node:fs';
import path from 'node:path';

import { type Db } from '@lede/db';

import { ImportError } from './errors';
import { type BehaviorState, createBehaviorState, importMindBehaviors } from './mind-behaviors';
import { importMindNews, scanFirstSeen } from './mind-news';
import { addSummary, createSummary, type ImportOptions, type ImportSummary } from './types';

/**
 * Imports one MIND folder (news.tsv, and behaviors.tsv when present). Source defaults to "mind". Pass one
 * `state` to the splits of a data set, train first.
 */
export async function importMind(
  db: Db,
  dir: string,
  options: ImportOptions = {},
  state: BehaviorState = createBehaviorState(),
): Promise<ImportSummary> {
  const started = performance.now();
  const source = options.source ?? 'mind';
  const newsFile = path.join(dir, 'news.tsv');
  const behaviorsFile = path.join(dir, 'behaviors.tsv');
  if (!fs.existsSync(newsFile)) throw new ImportError(newsFile, undefined, 'not found (a MIND folder holds news.tsv)');
  const hasBehaviors = fs.existsSync(behaviorsFile);
  const firstSeen = hasBehaviors ? await scanFirstSeen(behaviorsFile) : { times: new Map<string, Date>(), earliest: undefined };
  const summary = createSummary();
  const common = { source, onProgress: options.onProgress, batchSize: options.batchSize };
  const fallback = firstSeen.earliest ?? fs.statSync(newsFile).mtime;
  const articleIds = await importMindNews(db, newsFile, { ...common, firstSeen, fallback }, summary);
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
