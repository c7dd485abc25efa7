import { computeDot } from './vector-math';

/**
 * Dot products of many vector pairs in WebAssembly SIMD, bit-identical to `computeDot` for finite vectors: its
 * four running sums are the lanes of two f64x2 accumulators, each float widened to double before it is
 * multiplied (exact), and summed as it sums them, (s0 + s1) + (s2 + s3). The ranking model's similarity
 * features (12 dots per candidate), MMR's similarities and retrieval's scans spend most of a freshly ranked
 * feed's CPU in dot products; the kernel is ~4× faster than the JS loop (~2.5× with a vector copied in first).
 *
 * The module has one memory, used as a ring: a set's vectors are copied into the next free region of it when
 * first used, and again only if a later set's region overwrote them, so sets never need freeing and a few used
 * in turn (a ranking's blend and model features, candidate by candidate) stay resident.
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

/** computeDot(query, v) for many v, with the query kept in the kernel's memory and each v copied in. */
export function createDotWith(query: Float32Array): (v: Float32Array) => number | null {
  const set = createDotSet([query]);
  const out = new Float64Array(1);
  return (v) => {
    set.dotsWith(v, out);
    return Number.isNaN(out[0]) ? null : out[0]!;
  };
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
  /** Sets whose regions hold their vectors now, oldest first, and where the next region starts (bytes). */
  resident: WasmDotSet[];
  next: number;
}

class WasmDotSet implements DotSet {
  private readonly bytes: number;
  /** This set's region while resident (its vectors, then one slot for a probe), in bytes; start -1 when not. */
  start = -1;
  end = 0;

  constructor(
    private readonly vectors: readonly (Float32Array | null)[],
    private readonly dims: number,
    private readonly kernel: Kernel,
  ) {
    this.bytes = dims * 4;
  }

  dotsWith(u: Float32Array, out: Float64Array): void {
    const n = this.vectors.length;
    if (u.length !== this.dims) {
      out.fill(NaN, 0, n);
      return;
    }
    const at = this.load();
    const probe = at + n * this.bytes;
    this.kernel.heap.set(u, probe >> 2);
    for (let j = 0; j < n; j++) out[j] = this.vectors[j] ? this.kernel.dot(at + j * this.bytes, probe, this.bytes) : NaN;
  }

  dot(i: number, j: number): number | null {
    if (!this.vectors[i] || !this.vectors[j]) return null;
    const at = this.load();
    return this.kernel.dot(at + i * this.bytes, at + j * this.bytes, this.bytes);
  }

  /** Byte offset of the set's region, its vectors copied there first unless still resident. */
  private load(): number {
    if (this.start >= 0) return this.start;
    const k = this.kernel;
    const size = (this.vectors.length + 1) * this.bytes;
    // The ring is RING_BYTES, or one set when a set is larger: a region that would run past it starts over at 0.
    let start = k.next;
    if (start + size > Math.max(RING_BYTES, size)) {
      // Starting over: the regions past this point are the previous lap's, the oldest: they go first.
      while (k.resident.length && k.resident[0]!.start >= start) k.resident.shift()!.start = -1;
      start = 0;
    }
    const end = start + size;
    if (end > k.memory.buffer.byteLength) {
      k.memory.grow(Math.ceil((end - k.memory.buffer.byteLength) / PAGE));
      k.heap = new Float32Array(k.memory.buffer);
    }
    // Regions are taken in ring order, so the ones this overwrites are the oldest: at the head of `resident`.
    while (k.resident.length && k.resident[0]!.start < end && start < k.resident[0]!.end) k.resident.shift()!.start = -1;
    for (let j = 0; j < this.vectors.length; j++) {
      const v = this.vectors[j];
      if (v) k.heap.set(v, (start >> 2) + j * this.dims);
    }
    this.start = start;
    this.end = k.next = end;
    k.resident.push(this);
    return start;
  }
}

/** 4 MB: MMR's window (~0.4 MB at 512 dims) and the feature and scan sets of several rankings at once. */
const RING_BYTES = 4 * 2 ** 20;
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
  return { memory: exports.memory, heap: new Float32Array(exports.memory.buffer), dot: exports.dot, resident: [], next: 0 };
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
