import { describe, expect, it } from 'vitest';
import { quantizeWeights, type WeightEntry } from './quantize';

const bytes = (array: Float32Array | Int32Array) => new Uint8Array(array.buffer.slice(0));

describe('quantizeWeights', () => {
  const big = Float32Array.from({ length: 2048 }, (_, i) => Math.sin(i) * 3 - 0.5);
  const small = Float32Array.from([0.123456, -7.5]);
  const ids = Int32Array.from([1, 2, 3]);
  const manifest: WeightEntry[] = [
    { name: 'embeddings', shape: [64, 32], dtype: 'float32' },
    { name: 'bias', shape: [2], dtype: 'float32' },
    { name: 'ids', shape: [3], dtype: 'int32' },
  ];
  const data = new Uint8Array([...bytes(big), ...bytes(small), ...bytes(ids)]);
  const { weights, data: packed } = quantizeWeights(manifest, data);

  it('stores a large float tensor as one byte per value that dequantises within half a step', () => {
    const q = weights[0]?.quantization;
    expect(q?.dtype).toBe('uint8');
    const step = q?.scale ?? 0;
    for (let i = 0; i < big.length; i++) {
      const restored = (packed[i] as number) * step + (q?.min ?? 0);
      expect(Math.abs(restored - (big[i] as number))).toBeLessThanOrEqual(step / 2 + 1e-6);
    }
    expect(packed.byteLength).toBe(2048 + 8 + 12);
  });

  it('keeps small float tensors and integer tensors exactly as they were', () => {
    expect(weights[1]).toEqual(manifest[1]);
    expect(weights[2]).toEqual(manifest[2]);
    expect(new Float32Array(packed.slice(2048, 2056).buffer)).toEqual(small);
    expect(new Int32Array(packed.slice(2056).buffer)).toEqual(ids);
  });

  it('refuses a manifest that does not describe the data', () => {
    expect(() => quantizeWeights(manifest, data.subarray(0, 100))).toThrow(/cannot read embeddings/);
    expect(() => quantizeWeights(manifest.slice(0, 2), data)).toThrow(/describes/);
  });
});
