import { type TensorData, type TensorSession } from '../encoder/runtime';
import { type Batch } from './batch';
import { cloneParams, initParams, zerosLike, type Params } from './params';
import { readGraphFiles, type GraphSpec } from './spec';

/** Parameters and Adam state: all a run needs to continue exactly where it stopped. */
export interface TrainerState {
  params: Params;
  m: Params;
  v: Params;
  /** Adam steps taken. */
  step: number;
}

export interface StepResult {
  /** Loss of the batch before the update. */
  loss: number;
  grads: Params;
}

export interface Trainer {
  readonly spec: GraphSpec;
  readonly state: TrainerState;
  /** One AdamW step on the batch; lr 0 computes loss and gradients and leaves the parameters as they are. */
  step(batch: Batch, lr: number, weightDecay?: number): Promise<StepResult>;
  setState(state: TrainerState): void;
  release(): Promise<void>;
}

export interface TrainerOptions {
  seed: number;
  graph?: string;
  graphsDir?: string;
  threads?: number;
  state?: TrainerState;
}

export function createInitialState(spec: GraphSpec, seed: number): TrainerState {
  const params = initParams(spec, seed);
  return { params, m: zerosLike(params), v: zerosLike(params), step: 0 };
}

/** Runs the committed training-step graph (forward, backward, Adam) on onnxruntime-node. */
export async function createTrainer(opts: TrainerOptions): Promise<Trainer> {
  const files = readGraphFiles(opts.graph, opts.graphsDir);
  const { spec } = files;
  const runtime = await import('../encoder/runtime');
  const session: TensorSession = await runtime.createTensorSession(files.stepPath, opts.threads);
  let state = opts.state ?? createInitialState(spec, opts.seed);
  const shapes = new Map(spec.params.map((p) => [p.name, p.shape]));
  const { batch: B, history: L, maxCandidates: C, dims: D } = spec;

  return {
    spec,
    get state() {
      return state;
    },
    setState: (s) => (state = { params: cloneParams(s.params), m: cloneParams(s.m), v: cloneParams(s.v), step: s.step }),
    step: async (batch, lr, weightDecay = 0) => {
      const feeds: Record<string, TensorData> = {};
      for (const [name, shape] of shapes) {
        feeds[name] = { data: state.params.get(name)!, dims: shape };
        feeds[`m.${name}`] = { data: state.m.get(name)!, dims: shape };
        feeds[`v.${name}`] = { data: state.v.get(name)!, dims: shape };
      }
      const t = lr > 0 ? state.step + 1 : Math.max(1, state.step);
      feeds.adam_step = { data: Float32Array.of(t), dims: [] };
      feeds.lr = { data: Float32Array.of(lr), dims: [] };
      feeds.weight_decay = { data: Float32Array.of(weightDecay), dims: [] };
      feeds.hist = { data: batch.hist, dims: [B, L, D] };
      feeds.hmask = { data: batch.hmask, dims: [B, L] };
      feeds.cands = { data: batch.cands, dims: [B, C, D] };
      feeds.cmask = { data: batch.cmask, dims: [B, C] };
      feeds.weight = { data: batch.weight, dims: [B] };
      const out = await session.run(feeds);
      const pick = (prefix: string): Params => new Map([...shapes.keys()].map((n) => [n, out[`${prefix}${n}`]!.data]));
      const grads = pick('grad.');
      if (lr > 0) state = { params: pick('new.'), m: pick('new_m.'), v: pick('new_v.'), step: t };
      return { loss: out.loss!.data[0]!, grads };
    },
    release: () => session.release(),
  };
}
