import { createTestDb } from '@lede/db/testing';
import { readLines } from './src/services/import/lines';
import { parseJsonlArticle } from './src/services/import/jsonl';
const t = await createTestDb(process.env.TEST_DB === 'postgresql' ? 'postgresql' : 'sqlite');
try {
  let s = performance.now();
  const rows = [];
  for await (const l of readLines('../../data/demo/huffpost-news-13k.jsonl')) rows.push(parseJsonlArticle(l.text, 'f', l.line));
  console.log('parse', performance.now() - s);
  s = performance.now();
  for (let i = 0; i < 6000; i += 500) await t.db.article.createMany({ data: rows.slice(i, i + 500) });
  console.log('createMany 6000', performance.now() - s);
  s = performance.now();
  for (let i = 6000; i < 12000; i += 500) await t.db.article.createManyAndReturn({ data: rows.slice(i, i + 500), select: { id: true, externalId: true } });
  console.log('createManyAndReturn 6000', performance.now() - s);
  s = performance.now();
  for (let i = 12000; i < 13445; i += 500) await t.db.$transaction(async (tx) => { await tx.article.createMany({ data: rows.slice(i, i + 500) }); });
  console.log('createMany tx 1445', performance.now() - s);
} finally { await t.drop(); }
