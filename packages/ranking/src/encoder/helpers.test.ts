import { describe, expect, it } from 'vitest';

import { encodeText } from './encode-text';
import { poolAndNormalize } from './pooling';
import { bytesToVector, vectorToBytes } from './vector-bytes';

describe('encodeText', () => {
  it('joins title and abstract as one sentence pair', () => {
    expect(encodeText({ title: ' Rates rise ', abstract: 'The bank moved.  ' })).toBe('Rates rise. The bank moved.');
    expect(encodeText({ title: 'Only a title', abstract: '  ' })).toBe('Only a title');
    expect(encodeText({ title: '', abstract: 'Only an abstract' })).toBe('Only an abstract');
  });
});

describe('vectorToBytes / bytesToVector', () => {
  it('stores little-endian float32', () => {
    // 1.0f = 0x3F800000 → bytes 00 00 80 3F; −2.0f = 0xC0000000 → 00 00 00 C0
    expect(Array.from(vectorToBytes(Float32Array.from([1, -2])))).toEqual([0, 0, 128, 63, 0, 0, 0, 192]);
  });

  it('round-trips, also from a view into a larger buffer', () => {
    const vector = Float32Array.from([0.1, -3.5, 1e-8]);
    const padded = new Uint8Array(16);
    padded.set(vectorToBytes(vector), 3);
    expect(bytesToVector(padded.subarray(3, 15))).toEqual(vector);
    expect(() => bytesToVector(new Uint8Array(5))).toThrow(RangeError);
  });
});

describe('poolAndNormalize', () => {
  it('averages attended tokens only and normalises', () => {
    // text 0: (1,2) + (3,4) = (4,6) → /√52 = (0.554700, 0.832050); text 1: only (5,0) attended → (1, 0)
    const hidden = { data: Float32Array.from([1, 2, 3, 4, 5, 0, 9, 9]), type: 'float32', dims: [2, 2, 2] };
    const vectors = poolAndNormalize(hidden, BigInt64Array.from([1n, 1n, 1n, 0n]));
    expect(Array.from(vectors[0]!)).toEqual([expect.closeTo(0.5547, 4), expect.closeTo(0.83205, 5)]);
    expect(Array.from(vectors[1]!)).toEqual([1, 0]);
  });

  it('decodes float16 outputs', () => {
    // 0x3C00 = 1.0, 0x3800 = 0.5 → (1.5, 0) after pooling two tokens of (1, 0) and (0.5, 0)… normalised (1, 0);
    // 0xC000 = −2.0 with 0x0000 → (−1, 0)
    const hidden = { data: Uint16Array.from([0x3c00, 0, 0x3800, 0, 0xc000, 0, 0, 0]), type: 'float16', dims: [2, 2, 2] };
    const vectors = poolAndNormalize(hidden, [1, 1, 1, 0]);
    expect(Array.from(vectors[0]!)).toEqual([1, 0]);
    expect(Array.from(vectors[1]!)).toEqual([-1, 0]);
  });
});
