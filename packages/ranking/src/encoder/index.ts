export {
  runEncoderBench,
  type EncoderBenchOptions,
  type EncoderBenchResult,
} from "../bench/encoder-bench";
export {
  createEncoder,
  encoderDevices,
  executionDevices,
  type Encoder,
  type EncoderDevice,
  type EncoderInfo,
  type EncoderOptions,
  type ExecutionDevice,
} from "./create-encoder";
export { encodeText } from "./encode-text";
export {
  encoderDtypes,
  formatEncoderVersion,
  readManifest,
  readManifestIfPresent,
  verifyModel,
  type EncoderDtype,
  type Manifest,
  type ManifestModel,
} from "./manifest";
export { bytesToVector, vectorToBytes } from "./vector-bytes";
export {
  DEFAULT_HUB_ENDPOINT,
  pullModel,
  type PullOptions,
  type PullResult,
} from "./pull/pull";
