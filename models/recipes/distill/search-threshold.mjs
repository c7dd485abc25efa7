// The measurement behind search's MIN_SIMILARITY (packages/domain/src/feed/search.ts): for nonsense and topical
// queries, the best cosines against the demo corpus (title + description) and how many stories reach a threshold.
// Run from the repo root: node models/recipes/distill/search-threshold.mjs [modelsDir=models] [model=lede-news-bert] [threshold=0.45]
import fs from 'node:fs';
import path from 'node:path';
import { pipeline, env } from '@huggingface/transformers';

const [modelsDir = 'models', name = 'lede-news-bert', th = '0.45'] = process.argv.slice(2);
const threshold = Number(th);
env.allowRemoteModels = false;
env.localModelPath = path.resolve(modelsDir) + '/';
const extract = await pipeline('feature-extraction', name, { dtype: 'q8' });
const embed = async (texts) => (await extract(texts, { pooling: 'mean', normalize: true })).tolist();
const rows = fs.readFileSync('data/demo/huffpost-news-13k.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const vecs = [];
for (let i = 0; i < rows.length; i += 64) vecs.push(...(await embed(rows.slice(i, i + 64).map((r) => `${r.title} ${r.description}`.trim()))));
const queries = {
  nonsense: ['zzqxjvwk', 'asdf qwer', 'qwertyuiop', 'lorem ipsum dolor', 'xkcd zzz blorp', '12345 67890'],
  topical: ['flight attendant', 'climate change', 'election results', 'recipe for dinner', 'nba finals', 'mental health'],
};
for (const [kind, qs] of Object.entries(queries)) {
  for (const q of qs) {
    const [v] = await embed([q]); // one at a time, as search embeds a query
    const sims = vecs.map((a) => a.reduce((s, x, i) => s + x * v[i], 0)).sort((a, b) => b - a);
    console.log(`${kind.padEnd(9)} ${q.padEnd(18)} top ${sims[0].toFixed(3)}  10th ${sims[9].toFixed(3)}  >= ${threshold}: ${sims.filter((s) => s >= threshold).length}`);
  }
}
