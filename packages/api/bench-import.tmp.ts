import { createTestDb } from '@lede/db/testing';
import { importPath } from './src/services/import/index';
const t = await createTestDb(process.env.TEST_DB === 'postgresql' ? 'postgresql' : 'sqlite');
try {
  const a = await importPath(t.db, '../../data/demo/huffpost-news-13k.jsonl', { shiftToNow: true });
  console.log('first', a);
  const b = await importPath(t.db, '../../data/demo/huffpost-news-13k.jsonl', { shiftToNow: true });
  console.log('second', b, await t.db.article.count());
  const last = await t.db.article.findFirst({ orderBy: { publishedAt: 'desc' } });
  console.log(last?.publishedAt, last?.title);
} finally { await t.drop(); }
