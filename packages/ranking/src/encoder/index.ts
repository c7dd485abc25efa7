export { runEncoderBench, type EncoderBenchOptions, type EncoderBenchResult } from '../bench/encoder-bench.js';
export { createEncoder, type Encoder, type EncoderDevice, type EncoderInfo, type EncoderOptions } from './create-encoder.js';
export { encodeText } from './encode-text.js';
export { readManifest, verifyModel, type EncoderDtype, type Manifest, type ManifestModel } from './manifest.js';
export { bytesToVector, vectorToBytes } from './vector-bytes.js';
