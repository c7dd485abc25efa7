// Broken zip archives for `npm run bench -- fuzz`: a minimal writer, so archives can be broken on purpose.
import zlib from 'node:zlib';

import { badMindFolder, int, pick, type Rng } from './fuzz-inputs';

interface ZipEntry {
  name: string;
  data: Buffer;
  method?: number;
}

/** A minimal zip writer (stored or deflated entries), so the fuzzer can write broken archives on purpose. */
export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? zlib.deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name, 'utf8');
    const crc = zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A broken .zip upload: unreadable, no news.tsv, a bad method, a bomb, traversal names, or a bad MIND inside. */
export function badZip(rng: Rng, key: string): Buffer {
  const mind = badMindFolder(rng, key);
  const entries = Object.entries(mind).map(([name, text]) => ({ name, data: Buffer.from(text) }));
  const ok = writeZip(entries);
  switch (int(rng, 0, 8)) {
    case 0:
      return Buffer.from(Array.from({ length: int(rng, 0, 3000) }, () => int(rng, 0, 255)));
    case 1:
      return ok.subarray(0, int(rng, 0, ok.length - 1)); // truncated
    case 2:
      return writeZip([{ name: 'readme.txt', data: Buffer.from('no MIND here') }]);
    case 3:
      return writeZip(entries.map((e) => ({ ...e, method: pick(rng, [1, 9, 12, 14, 99]) })));
    case 4:
      return writeZip([{ name: 'news.tsv', data: Buffer.alloc(int(rng, 2, 8) * 1024 * 1024, 0x41) }]); // bomb past the fuzz cap
    case 5: {
      const up = `../../${pick(rng, ['', 'etc/', '/tmp/'])}`;
      return writeZip(entries.map((e) => ({ ...e, name: `${up}${e.name}` })));
    }
    case 6: {
      const z = Buffer.from(ok);
      for (let i = 0; i < int(rng, 1, 20); i++) z[int(rng, 0, z.length - 1)] = int(rng, 0, 255); // flipped bytes
      return z;
    }
    default:
      return ok; // a readable zip around a bad MIND folder
  }
}
