/**
 * TensorFlow.js weight quantisation: each large float32 tensor stored as uint8 with its own min and
 * scale (value = byte × scale + min), the form TF.js's loader dequantises itself from the weights
 * manifest. USE lite's 27.9 MB of weights become 7.0 MB with vectors at cosine ≥ 0.995 to the
 * originals (docs/knowledge-eval.md).
 */

export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: 'uint8'; min: number; scale: number };
}

/** Tensors smaller than this stay float32: biases and norms are few bytes and sensitive. */
const MIN_QUANTISED_ELEMENTS = 1024;

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

export function quantizeWeights(weights: readonly WeightEntry[], data: Uint8Array): { weights: WeightEntry[]; data: Uint8Array } {
  const parts: Uint8Array[] = [];
  const out: WeightEntry[] = [];
  let offset = 0;
  for (const weight of weights) {
    if (weight.quantization) throw new Error(`${weight.name} is already quantised`);
    const elements = weight.shape.reduce((n, d) => n * d, 1);
    const bytes = elements * (BYTES_PER_ELEMENT[weight.dtype] ?? Number.NaN);
    if (!Number.isFinite(bytes) || offset + bytes > data.byteLength) throw new Error(`cannot read ${weight.name} (${weight.dtype})`);
    const raw = data.subarray(offset, offset + bytes);
    offset += bytes;
    if (weight.dtype !== 'float32' || elements < MIN_QUANTISED_ELEMENTS) {
      parts.push(raw);
      out.push(weight);
      continue;
    }
    const values = new Float32Array(raw.slice().buffer);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const scale = max > min ? (max - min) / 255 : 1;
    parts.push(Uint8Array.from(values, (v) => Math.round((v - min) / scale)));
    out.push({ ...weight, quantization: { dtype: 'uint8', min, scale } });
  }
  if (offset !== data.byteLength) throw new Error(`the manifest describes ${offset} bytes of ${data.byteLength}`);
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.byteLength;
  }
  return { weights: out, data: joined };
}
