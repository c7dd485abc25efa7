/**
 * The one module that imports the ONNX runtime and transformers.js; everything else goes through it.
 * It is loaded lazily (dynamic import) so importing the encoder API never starts onnxruntime.
 */
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { AutoTokenizer, env, pipeline } from "@huggingface/transformers";
import * as ort from "onnxruntime-node";

import { type ExecutionDevice } from "./create-encoder";
import { type EncoderDtype } from "./manifest";
import { type HiddenStates } from "./pooling";
import { readLibraryPath } from "../env";

export interface TokenizedBatch {
  input_ids: { data: BigInt64Array; dims: number[] };
  attention_mask: { data: BigInt64Array; dims: number[] };
  token_type_ids?: { data: BigInt64Array; dims: number[] };
}

export type Tokenize = (texts: string[], maxLength: number) => TokenizedBatch;

export interface LoadedExtractor {
  tokenize: Tokenize;
  runModel(batch: TokenizedBatch): Promise<HiddenStates>;
  dispose(): Promise<void>;
}

export interface LoadOptions {
  modelsDir: string;
  model: string;
  device: ExecutionDevice;
  dtype: EncoderDtype;
  onnxFile: string;
  threads?: number;
}

/** transformers.js names weights `<subfolder>/<name><suffix>.onnx`, the suffix given by the dtype. */
const DTYPE_SUFFIX: Record<EncoderDtype, string> = {
  fp32: "",
  fp16: "_fp16",
  q8: "_quantized",
};

/** Only files already verified on disk: no downloads, and no cache that could shadow them. */
function useLocalFilesOnly(modelsDir: string): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFSCache = false;
  env.useBrowserCache = false;
  env.localModelPath = modelsDir.endsWith("/") ? modelsDir : `${modelsDir}/`;
}

export async function loadFeatureExtractor(
  options: LoadOptions,
): Promise<LoadedExtractor> {
  useLocalFilesOnly(options.modelsDir);
  const slash = options.onnxFile.lastIndexOf("/");
  const subfolder = slash >= 0 ? options.onnxFile.slice(0, slash) : "";
  const base = options.onnxFile.slice(slash + 1).replace(/\.onnx$/, "");
  const suffix = DTYPE_SUFFIX[options.dtype];
  if (!base.endsWith(suffix)) {
    throw new Error(
      `ONNX file ${options.onnxFile} does not follow the transformers.js name for ${options.dtype} (*${suffix}.onnx)`,
    );
  }
  const extractor = await pipeline("feature-extraction", options.model, {
    local_files_only: true,
    device: options.device,
    dtype: options.dtype,
    subfolder,
    model_file_name: base.slice(0, base.length - suffix.length),
    session_options: createSessionOptions(options.threads),
  });
  const tokenizer = extractor.tokenizer;
  const model = extractor.model;
  return {
    tokenize: (texts, maxLength) =>
      tokenizer(texts, {
        padding: true,
        truncation: true,
        max_length: maxLength,
      }),
    runModel: async (batch) => {
      const outputs = (await model(batch)) as {
        last_hidden_state: HiddenStates;
      };
      return outputs.last_hidden_state;
    },
    dispose: () => extractor.dispose(),
  };
}

/** The tokenizer alone, for the bare-session benchmark. */
export async function loadTokenizer(
  modelsDir: string,
  model: string,
): Promise<Tokenize> {
  useLocalFilesOnly(modelsDir);
  const tokenizer = await AutoTokenizer.from_pretrained(model, {
    local_files_only: true,
  });
  return (texts, maxLength) =>
    tokenizer(texts, {
      padding: true,
      truncation: true,
      max_length: maxLength,
    });
}

export interface BareSession {
  run(batch: TokenizedBatch): Promise<HiddenStates>;
  release(): Promise<void>;
}

/** A plain onnxruntime-node session on the CPU, fed the tokenizer's tensors directly. */
export async function createBareSession(
  onnxPath: string,
  threads?: number,
): Promise<BareSession> {
  const session = await ort.InferenceSession.create(
    onnxPath,
    createSessionOptions(threads),
  );
  return {
    run: async (batch) => {
      const feeds: Record<string, ort.Tensor> = {};
      for (const name of session.inputNames) {
        const source = batch[name as keyof TokenizedBatch] ?? batch.input_ids;
        const data =
          name in batch ? source.data : new BigInt64Array(source.data.length);
        feeds[name] = new ort.Tensor("int64", data, source.dims);
      }
      const outputName = session.outputNames[0] ?? "last_hidden_state";
      const output = (await session.run(feeds))[outputName];
      if (!output) throw new Error(`ONNX session returned no ${outputName}`);
      return {
        data: output.data as Float32Array | Uint16Array,
        type: output.type,
        dims: output.dims,
      };
    },
    release: () => session.release(),
  };
}

/**
 * Why the CUDA provider cannot load, or null: onnxruntime-node ships its CUDA provider library only when its
 * install script downloaded it. Checking the file avoids a failing session create, which makes onnxruntime
 * print an error of its own.
 */
export function findCudaProblem(): string | null {
  if (process.platform !== "linux" || process.arch !== "x64")
    return "onnxruntime-node has CUDA builds for linux-x64 only";
  const packageDir = path.dirname(
    path.dirname(createRequire(import.meta.url).resolve("onnxruntime-node")),
  );
  const binDir = path.join(packageDir, "bin");
  const installed =
    existsSync(binDir) &&
    readdirSync(binDir).some((napi) =>
      existsSync(
        path.join(
          binDir,
          napi,
          "linux",
          "x64",
          "libonnxruntime_providers_cuda.so",
        ),
      ),
    );
  return installed
    ? null
    : "onnxruntime-node was installed without its CUDA provider";
}

/**
 * Why WebGPU cannot load, or null. onnxruntime-node's WebGPU provider is Dawn over Vulkan; without the Vulkan
 * loader Dawn prints a stack of warnings before it fails, so a host without `libvulkan.so.1` is not tried.
 * A loader without a GPU driver still fails at session creation, and the caller falls back then.
 */
export function findVulkanProblem(): string | null {
  if (process.platform !== "linux")
    return process.platform === "win32" || process.platform === "darwin"
      ? null
      : "no WebGPU build";
  const dirs = [
    ...readLibraryPath(),
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/usr/lib64",
    "/usr/lib",
    "/usr/local/lib",
    "/lib/x86_64-linux-gnu",
  ];
  return dirs.some((dir) => dir && existsSync(path.join(dir, "libvulkan.so.1")))
    ? null
    : "no Vulkan loader (libvulkan.so.1) found";
}

function createSessionOptions(
  threads: number | undefined,
): ort.InferenceSession.SessionOptions {
  return {
    // One inference at a time per session: parallelism inside the operators is what helps a BERT forward pass.
    ...(threads ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : {}),
    graphOptimizationLevel: "all",
  };
}

/** A float32 tensor as plain data, so callers never touch onnxruntime's types. */
export interface TensorData {
  data: Float32Array;
  dims: readonly number[];
}

export interface TensorSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, TensorData>): Promise<Record<string, TensorData>>;
  release(): Promise<void>;
}

/** A CPU session over an all-float32 graph (the training-step and user-model graphs). */
export async function createTensorSession(
  onnxPath: string,
  threads?: number,
): Promise<TensorSession> {
  const session = await ort.InferenceSession.create(onnxPath, {
    ...createSessionOptions(threads),
    executionMode: "sequential",
  });
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    run: async (feeds) => {
      const tensors: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds))
        tensors[name] = new ort.Tensor("float32", t.data, t.dims);
      const out = await session.run(tensors);
      const result: Record<string, TensorData> = {};
      for (const [name, t] of Object.entries(out))
        result[name] = { data: t.data as Float32Array, dims: t.dims };
      return result;
    },
    release: () => session.release(),
  };
}
