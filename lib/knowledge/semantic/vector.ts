/**
 * Sentence vectors as they are stored and synced: 512 int8 components (127 = the largest magnitude), base64 on the
 * wire. The semantic stage compares vectors by cosine only, which does not depend on their length, so no scale is
 * kept; int8 keeps the cosine within ±0.002 of the float32 one (vector.test.ts) in a quarter of the bytes.
 */

/** USE lite's sentence vectors. */
export const EMBEDDING_DIMENSIONS = 512;

/**
 * The encoder both sides run: USE lite with uint8 weights (quantize.ts). A vector made by another model is not
 * comparable, so it travels with this name and a client with a different model ignores it.
 */
export const EMBEDDING_MODEL = 'use-lite-u8-1';

export function quantizeVector(vector: ArrayLike<number>): Int8Array {
  let largest = 0;
  for (let i = 0; i < vector.length; i++) largest = Math.max(largest, Math.abs(vector[i] as number));
  const scale = largest > 0 ? 127 / largest : 0;
  return Int8Array.from({ length: vector.length }, (_, i) => Math.round((vector[i] as number) * scale));
}

export function encodeVector(vector: Int8Array): string {
  const bytes = new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function decodeVector(base64: string): Int8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Int8Array(bytes.buffer);
}
