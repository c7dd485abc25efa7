import { computeDot } from './vector-math';

/**
 * Dot products of many vector pairs in WebAssembly SIMD, bit-identical to `computeDot`: its four running sums
 * are the lanes of two f64x2 accumulators, each float widened to double before it is multiplied (exact), and
 * summed as it sums them, (s0 + s1) + (s2 + s3). The ranking model's similarity features (12 dots per candidate)
 * and MMR's similarities spend most of a freshly ranked feed's CPU here; this is ~4× faster than the JS loop.
 *
 * The module has one memory: a set's vectors are copied into it when the set is used after another set was (a
 * ranking uses one set for all its candidates, synchronously), so sets never need freeing.
 */
export interface DotSet {
  /** out[j] = computeDot(vectors[j], u), NaN where that is null (no vector, another length). */
  dotsWith(u: Float32Array, out: Float64Array): void;
  /** computeDot(vectors[i], vectors[j]) (null: no vector, or the lengths differ). */
  dot(i: number, j: number): number | null;
}

export function createDotSet(vectors: readonly (Float32Array | null)[]): DotSet {
  const dims = vectors.find((v) => v?.length)?.length ?? 0;
  // WebAssembly without SIMD, or lengths the kernel's 4-wide loop would not cover as computeDot does.
  if (!kernel || !dims || dims % 4 !== 0 || vectors.some((v) => v && v.length !== dims)) return createPlainDotSet(vectors);
  return new WasmDotSet(vectors, dims, kernel);
}

function createPlainDotSet(vectors: readonly (Float32Array | null)[]): DotSet {
  return {
    dotsWith(u, out) {
      for (let j = 0; j < vectors.length; j++) {
        const v = vectors[j];
        out[j] = (v && computeDot(v, u)) ?? NaN;
      }
    },
    dot(i, j) {
      const [a, b] = [vectors[i], vectors[j]];
      return a && b ? computeDot(a, b) : null;
    },
  };
}

interface Kernel {
  memory: WebAssembly.Memory;
  /** A view of all of `memory` (made again when it grows). */
  heap: Float32Array;
  /** (byte offset of a, byte offset of b, bytes of each): their dot product. */
  dot: (a: number, b: number, bytes: number) => number;
  /** The set whose vectors the memory holds now. */
  loaded: WasmDotSet | null;
}

class WasmDotSet implements DotSet {
  private readonly bytes: number;

  constructor(
    private readonly vectors: readonly (Float32Array | null)[],
    private readonly dims: number,
    private readonly kernel: Kernel,
  ) {
    this.bytes = dims * 4;
  }

  dotsWith(u: Float32Array, out: Float64Array): void {
    const k = this.load();
    const n = this.vectors.length;
    if (u.length !== this.dims) {
      out.fill(NaN, 0, n);
      return;
    }
    // The probe goes in the slot after the set's vectors.
    k.heap.set(u, n * this.dims);
    for (let j = 0; j < n; j++) out[j] = this.vectors[j] ? k.dot(j * this.bytes, n * this.bytes, this.bytes) : NaN;
  }

  dot(i: number, j: number): number | null {
    const k = this.load();
    return this.vectors[i] && this.vectors[j] ? k.dot(i * this.bytes, j * this.bytes, this.bytes) : null;
  }

  /** Copies the vectors into the kernel's memory unless they are there, with one free slot after them. */
  private load(): Kernel {
    const k = this.kernel;
    if (k.loaded === this) return k;
    const need = (this.vectors.length + 1) * this.bytes;
    if (need > k.memory.buffer.byteLength) {
      k.memory.grow(Math.ceil((need - k.memory.buffer.byteLength) / PAGE));
      k.heap = new Float32Array(k.memory.buffer);
    }
    this.vectors.forEach((v, j) => v && k.heap.set(v, j * this.dims));
    k.loaded = this;
    return k;
  }
}

const PAGE = 65_536;

/*
 * (func $dot (param $a i32) (param $b i32) (param $bytes i32) (result f64)
 *   (local $i i32) (local $s01 v128) (local $s23 v128) (local $x v128) (local $y v128)
 *   (block (loop
 *     (br_if 1 (i32.ge_u (local.get $i) (local.get $bytes)))
 *     (local.set $x (v128.load align=4 (i32.add (local.get $a) (local.get $i))))
 *     (local.set $y (v128.load align=4 (i32.add (local.get $b) (local.get $i))))
 *     (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $x)) (f64x2.promote_low_f32x4 (local.get $y)))))
 *     (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (f64x2.promote_low_f32x4 (HIGH (local.get $x))) (f64x2.promote_low_f32x4 (HIGH (local.get $y))))))
 *     (local.set $i (i32.add (local.get $i) (i32.const 16)))
 *     (br 0)))
 *   (f64.add (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01)))
 *            (f64.add (f64x2.extract_lane 0 (local.get $s23)) (f64x2.extract_lane 1 (local.get $s23)))))
 * HIGH: i8x16.shuffle moving lanes 2, 3 to 0, 1.
 */
function compileKernel(): Kernel | null {
  const high = [0xfd, 0x0d, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
  const promote = [0xfd, 0x5f];
  const mulAdd = [0xfd, 0xf2, 0x01, 0xfd, 0xf0, 0x01];
  const get = (l: number) => [0x20, l];
  const set = (l: number) => [0x21, l];
  const load = [0xfd, 0x00, 0x02, 0x00];
  const lanesSum = (l: number) => [...get(l), 0xfd, 0x21, 0, ...get(l), 0xfd, 0x21, 1, 0xa0];
  const body = [
    0x02, 0x01, 0x7f, 0x04, 0x7b, // locals: 1 i32, 4 v128
    0x02, 0x40, 0x03, 0x40, // block, loop
    ...get(3), ...get(2), 0x4f, 0x0d, 1, // br_if 1 (i ≥ bytes)
    ...get(0), ...get(3), 0x6a, ...load, ...set(6),
    ...get(1), ...get(3), 0x6a, ...load, ...set(7),
    ...get(4), ...get(6), ...promote, ...get(7), ...promote, ...mulAdd, ...set(4),
    ...get(5), ...get(6), ...get(6), ...high, ...promote, ...get(7), ...get(7), ...high, ...promote, ...mulAdd, ...set(5),
    ...get(3), 0x41, 0x10, 0x6a, ...set(3),
    0x0c, 0, 0x0b, 0x0b, // br 0, end loop, end block
    ...lanesSum(4), ...lanesSum(5), 0xa0,
    0x0b,
  ];
  const section = (id: number, bytes: number[]) => [id, ...leb128(bytes.length), ...bytes];
  const name = (s: string) => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
  const wasm = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 3, 0x7f, 0x7f, 0x7f, 1, 0x7c]), // type: (i32, i32, i32) → f64
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, 1]), // memory: 1 page to start
    ...section(7, [2, ...name('dot'), 0x00, 0, ...name('memory'), 0x02, 0]),
    ...section(10, [1, ...leb128(body.length), ...body]),
  ]);
  if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(wasm)) return null;
  const exports = new WebAssembly.Instance(new WebAssembly.Module(wasm)).exports as { dot: Kernel['dot']; memory: WebAssembly.Memory };
  return { memory: exports.memory, heap: new Float32Array(exports.memory.buffer), dot: exports.dot, loaded: null };
}

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    const low = n & 0x7f;
    n >>>= 7;
    out.push(n ? low | 0x80 : low);
  } while (n);
  return out;
}

const kernel = compileKernel();
