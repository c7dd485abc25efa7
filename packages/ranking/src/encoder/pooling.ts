export interface HiddenStates {
  /** [batch, sequence, dims] row-major; float16 models arrive as raw half-precision bits. */
  data: Float32Array | Uint16Array;
  type: string;
  dims: readonly number[];
}

/**
 * Mean pooling over the attended tokens followed by L2 normalisation, fused into one pass. The division by
 * the token count is skipped because normalisation cancels it. Returns one view per text into a single
 * buffer, so a batch costs one allocation.
 */
export function poolAndNormalize(hidden: HiddenStates, attentionMask: ArrayLike<bigint | number>): Float32Array[] {
  const [batch = 0, sequence = 0, dims = 0] = hidden.dims;
  const data = hidden.type === 'float16' ? decodeFloat16(hidden.data as Uint16Array) : (hidden.data as Float32Array);
  const out = new Float32Array(batch * dims);
  const sum = new Float64Array(dims);
  const vectors: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    sum.fill(0);
    for (let s = 0; s < sequence; s++) {
      if (Number(attentionMask[b * sequence + s]) === 0) continue;
      const offset = (b * sequence + s) * dims;
      for (let d = 0; d < dims; d++) sum[d] = sum[d]! + data[offset + d]!;
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += sum[d]! * sum[d]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const vector = out.subarray(b * dims, (b + 1) * dims);
    for (let d = 0; d < dims; d++) vector[d] = sum[d]! * scale;
    vectors.push(vector);
  }
  return vectors;
}

/** IEEE 754 half → float; Node 20 has no Float16Array. */
function decodeFloat16(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i]!;
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) out[i] = sign * 2 ** -14 * (fraction / 1024);
    else if (exponent === 31) out[i] = fraction ? Number.NaN : sign * Infinity;
    else out[i] = sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  }
  return out;
}
