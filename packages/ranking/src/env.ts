// The one place packages/ranking reads the environment: the library search path, where the encoder runtime
// looks for the Vulkan loader before trying WebGPU.
export function readLibraryPath(): string[] {
  return (process.env.LD_LIBRARY_PATH ?? "").split(":");
}
