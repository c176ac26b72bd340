// For the suites that read the OpenAPI document: a value at a path of keys, or undefined.
export function dig(value: unknown, ...keys: string[]): unknown {
  let at = value;
  for (const key of keys) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}
