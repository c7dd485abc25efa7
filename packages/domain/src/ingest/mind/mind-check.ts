import fs from 'node:fs';
import path from 'node:path';

import { type BadItems, scanInvalidLines } from '../bad-items';
import { ImportError } from '../errors';
import { findMissingNews, parseBehaviorLine } from './mind-behaviors';
import { parseNewsLine } from './mind-news';

/**
 * Pass 1 over a MIND folder, before anything is written: every bad news.tsv and behaviors.tsv line, including
 * impressions that name news the folder's news.tsv lacks (or names only on a bad line).
 */
export async function checkMindFolder(dir: string, source: string, bad: BadItems): Promise<void> {
  const newsFile = path.join(dir, 'news.tsv');
  const behaviorsFile = path.join(dir, 'behaviors.tsv');
  const newsIds = new Set<string>();
  await scanInvalidLines(newsFile, bad, (text, line) => {
    newsIds.add(parseNewsLine(text, newsFile, line, source).externalId);
  });
  if (!fs.existsSync(behaviorsFile)) return;
  await scanInvalidLines(behaviorsFile, bad, (text, line) => {
    const missing = findMissingNews(parseBehaviorLine(text, behaviorsFile, line).impressions, (id) => newsIds.has(id));
    if (missing) throw new ImportError(behaviorsFile, line, `impression names news id ${missing}, which is not in news.tsv`);
  });
}
