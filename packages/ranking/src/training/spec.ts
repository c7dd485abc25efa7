import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ParamSpec {
  name: string;
  shape: number[];
  init: 'zeros' | 'normal' | 'log10';
}

/** models/training/<name>/spec.json: what the committed graphs expect. */
export interface GraphSpec {
  name: string;
  dims: number;
  history: number;
  maxCandidates: number;
  batch: number;
  heads: number;
  attentionDims: number;
  params: ParamSpec[];
  reference: { loss: number };
}

export const DEFAULT_GRAPH = 'nrms-user-v1';

/** The repository's models/training folder (packages/ranking/src/training → ../../../../models/training). */
export const trainingGraphsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../models/training');

export interface GraphFiles {
  spec: GraphSpec;
  stepPath: string;
  inferPath: string;
}

export function readGraphFiles(name = DEFAULT_GRAPH, dir = trainingGraphsDir): GraphFiles {
  const base = path.join(dir, name);
  const spec = JSON.parse(fs.readFileSync(path.join(base, 'spec.json'), 'utf8')) as GraphSpec;
  return { spec, stepPath: path.join(base, 'step.onnx'), inferPath: path.join(base, 'infer.onnx') };
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
