import { open, readFile } from 'node:fs/promises';
import path from 'node:path';

import type { EncoderDtype } from '../manifest';

/** The ONNX weights transformers.js loads per dtype, in the order they are worth downloading. */
export const ONNX_BY_DTYPE: Record<EncoderDtype, string> = {
  q8: 'onnx/model_quantized.onnx',
  fp16: 'onnx/model_fp16.onnx',
  fp32: 'onnx/model.onnx',
};
export const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
/** Small files worth keeping when the repo has them: the model card and the tokenizer's special tokens. */
export const OPTIONAL_FILES = ['special_tokens_map.json', 'README.md'];
/** Upper bound for the tokenizer's truncation: news titles and abstracts rarely need more. */
const MAX_LENGTH_CAP = 256;

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

/** JSON files must parse; ONNX files must start like an ONNX ModelProto (not an LFS pointer or an error page). */
export async function checkFileContent(dir: string, file: string): Promise<void> {
  const full = path.join(dir, file);
  if (file.endsWith('.json')) {
    try {
      JSON.parse(await readFile(full, 'utf8'));
    } catch (error) {
      throw new ModelFileError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else if (file.endsWith('.onnx')) {
    const handle = await open(full, 'r');
    const head = Buffer.alloc(16);
    try {
      await handle.read(head, 0, 16, 0);
    } finally {
      await handle.close();
    }
    if (!looksLikeOnnx(head)) throw new ModelFileError(`${file} is not an ONNX model (starts with ${JSON.stringify(head.toString('latin1', 0, 12))})`);
  }
}

/**
 * An ONNX file is a protobuf ModelProto; exporters write `ir_version` (field 1, varint) first. Accept any
 * valid first tag of a ModelProto field, and when it is ir_version require a plausible value.
 */
export function looksLikeOnnx(head: Uint8Array): boolean {
  const tag = head[0];
  if (tag === undefined) return false;
  const field = tag >> 3;
  const wireType = tag & 7;
  const modelProtoFields: Record<number, number> = { 1: 0, 2: 2, 3: 2, 4: 2, 5: 0, 6: 2, 7: 2, 8: 2, 14: 2, 20: 2, 25: 2 };
  if (modelProtoFields[field] !== wireType) return false;
  if (field !== 1) return true;
  const irVersion = head[1] ?? 0;
  return irVersion >= 1 && irVersion < 64;
}

export interface ModelShape {
  dimensions: number;
  maxLength: number;
}

/**
 * Embedding size and truncation length. The size is the ONNX graph's output width when the graph states it,
 * else config.json's `hidden_size` (`d_model`/`dim` in some families).
 */
export async function readModelShape(dir: string, onnxFile: string): Promise<ModelShape> {
  const config = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  const fromConfig = [config.hidden_size, config.d_model, config.dim].find((v): v is number => Number.isInteger(v) && (v as number) > 0);
  const dimensions = readOnnxOutputDim(await readFile(path.join(dir, onnxFile))) ?? fromConfig;
  if (!dimensions) throw new ModelFileError('config.json has no hidden_size: cannot tell the embedding size');
  const tokenizer = JSON.parse(await readFile(path.join(dir, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
  const limits = [config.max_position_embeddings, tokenizer.model_max_length, MAX_LENGTH_CAP].filter(
    (v): v is number => typeof v === 'number' && Number.isInteger(v) && v > 2,
  );
  return { dimensions, maxLength: Math.min(...limits) };
}

/**
 * The last dimension of the graph's first output when it is a fixed number: the true embedding size (a
 * projection folded into the graph makes it differ from config.json's hidden_size). Walks the protobuf
 * just far enough: ModelProto.graph (7) → GraphProto.output (12) → ValueInfoProto.type (2) →
 * TypeProto.tensor_type (1) → shape (2) → dim (1) → dim_value (1).
 */
export function readOnnxOutputDim(model: Uint8Array): number | null {
  const graph = fieldsOf(model).find((f) => f.field === 7)?.bytes;
  const output = graph && fieldsOf(graph).find((f) => f.field === 12)?.bytes;
  const type = output && fieldsOf(output).find((f) => f.field === 2)?.bytes;
  const tensor = type && fieldsOf(type).find((f) => f.field === 1)?.bytes;
  const shape = tensor && fieldsOf(tensor).find((f) => f.field === 2)?.bytes;
  const dims = shape ? fieldsOf(shape).filter((f) => f.field === 1) : [];
  const last = dims.at(-1)?.bytes;
  const value = last && fieldsOf(last).find((f) => f.field === 1)?.value;
  return value && value > 0 ? value : null;
}

interface ProtoField {
  field: number;
  value?: number;
  bytes?: Uint8Array;
}

/** Top-level fields of one protobuf message; varints and length-delimited fields, others skipped. */
function fieldsOf(buf: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let pos = 0;
  const varint = () => {
    let result = 0;
    for (let shift = 0; pos < buf.length; shift += 7) {
      const b = buf[pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
    }
    throw new ModelFileError('truncated protobuf');
  };
  while (pos < buf.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === 0) fields.push({ field, value: varint() });
    else if (wire === 2) {
      const length = varint();
      fields.push({ field, bytes: buf.subarray(pos, pos + length) });
      pos += length;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new ModelFileError(`unexpected protobuf wire type ${wire}`);
  }
  return fields;
}
