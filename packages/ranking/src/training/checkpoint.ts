import fs from 'node:fs';
import path from 'node:path';

import { type Params } from './params';
import { type TrainerState } from './trainer';

const MAGIC = 'LEDEUM1\n';

interface Header {
  graph: string;
  step: number;
  meta: Record<string, unknown>;
  tensors: { key: string; length: number }[];
}

export interface Checkpoint {
  graph: string;
  state: TrainerState;
  /** Whatever the caller needs to resume (epoch, position in the epoch, loss curve…). */
  meta: Record<string, unknown>;
}

/**
 * Layout: "LEDEUM1\n", u32 header length, JSON header, then float32 little-endian tensors in header order.
 * A weights-only file (a model version's artifact) has no `m.`/`v.` tensors.
 */
export function encodeCheckpoint(c: Checkpoint, weightsOnly = false): Buffer {
  const groups: [string, Params][] = [['p', c.state.params]];
  if (!weightsOnly) groups.push(['m', c.state.m], ['v', c.state.v]);
  const tensors: { key: string; data: Float32Array }[] = [];
  for (const [g, params] of groups) for (const [name, data] of params) tensors.push({ key: `${g}.${name}`, data });
  const header: Header = { graph: c.graph, step: c.state.step, meta: c.meta, tensors: tensors.map((t) => ({ key: t.key, length: t.data.length })) };
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  const body = tensors.map((t) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  return Buffer.concat([Buffer.from(MAGIC), len, json, ...body]);
}

export function decodeCheckpoint(buf: Buffer): Checkpoint {
  if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error('not a Lede user-model checkpoint');
  const jsonLen = buf.readUInt32LE(MAGIC.length);
  let offset = MAGIC.length + 4;
  const header = JSON.parse(buf.subarray(offset, offset + jsonLen).toString()) as Header;
  offset += jsonLen;
  const groups: Record<string, Params> = { p: new Map(), m: new Map(), v: new Map() };
  for (const t of header.tensors) {
    // Copy out: the buffer's offset need not be 4-byte aligned.
    const data = new Float32Array(t.length);
    Buffer.from(data.buffer).set(buf.subarray(offset, offset + t.length * 4));
    offset += t.length * 4;
    const dot = t.key.indexOf('.');
    groups[t.key.slice(0, dot)]!.set(t.key.slice(dot + 1), data);
  }
  return { graph: header.graph, meta: header.meta, state: { params: groups.p!, m: groups.m!, v: groups.v!, step: header.step } };
}

/** Written to a temporary file and renamed, so a crash mid-write leaves the previous checkpoint intact. */
export function saveCheckpoint(file: string, c: Checkpoint, weightsOnly = false): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, encodeCheckpoint(c, weightsOnly));
  fs.renameSync(tmp, file);
}

export function loadCheckpoint(file: string): Checkpoint {
  return decodeCheckpoint(fs.readFileSync(file));
}
