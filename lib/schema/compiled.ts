// A zod schema walked once into plain checking functions, for the big bodies parsed many times (a pull page: 2,000
// records). Zod's parse builds a payload object per value and runs each check through its generic loop; this checks
// each value in a plain function and builds one object per object, keys in the schema's order as zod does. Strict by construction: every leaf (string, number, enum…) is run through zod's own
// check code (`_zod.run`: its types, formats, lengths and refinements), only objects, arrays, unions, optional,
// nullable and default are walked here, and anything else is handed to zod. Whatever this walk does not accept
// (a wrong value, an unknown key, a node it does not know) is parsed again by zod itself, whose answer stands:
// so it refuses exactly what zod refuses and answers what zod answers (lib/schema/compiled.test.ts feeds both the
// same pages, good and bad).
import type { z } from 'zod';

/** What a zod schema looks like from inside (zod v4's `_zod`); only what the walk reads. */
interface Inner {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, Inner>;
      catchall?: Inner;
      element?: Inner;
      innerType?: Inner;
      options?: Inner[];
      discriminator?: string;
      values?: unknown[];
      defaultValue?: unknown;
      checks?: Inner[];
      coerce?: boolean;
      when?: (payload: Payload) => boolean;
    };
    run(payload: Payload, ctx: { async: boolean }): Payload | Promise<Payload>;
    check(payload: Payload): unknown;
  };
  safeParse(value: unknown): { success: boolean; data?: unknown };
}
interface Payload {
  value: unknown;
  issues: unknown[];
}

/** Returned by a checker for a value it does not accept: zod then parses the whole body. */
const REFUSED: unique symbol = Symbol('refused');
/** An optional key absent from its object: left out of the output, as zod does. */
const ABSENT: unique symbol = Symbol('absent');
type Checker = (value: unknown) => unknown;

const LEAVES = new Set(['string', 'number', 'boolean', 'enum', 'literal', 'null']);
const RUN_CTX = { async: false };

/** The schema's own checks (refinements, lengths) on an output value, as zod runs them after its parse. */
function checksOf(schema: Inner): Checker | null {
  const checks = schema._zod.def.checks ?? [];
  if (checks.length === 0) return null;
  return (value) => {
    const payload: Payload = { value, issues: [] };
    for (const check of checks) {
      const when = check._zod.def.when;
      if (when && !when(payload)) continue;
      if (check._zod.check(payload) instanceof Promise || payload.issues.length > 0) return REFUSED;
    }
    return payload.value;
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A check zod runs on a value, run by zod's own code: passes when it leaves no issue and the value as it was. */
function zodCheck(check: Inner): (value: unknown) => boolean {
  return (value) => {
    const payload: Payload = { value, issues: [] };
    const when = check._zod.def.when;
    if (when && !when(payload)) return true;
    return !(check._zod.check(payload) instanceof Promise) && payload.issues.length === 0 && payload.value === value;
  };
}

/**
 * One of a string's checks, with a shortcut for the common pass of the kinds every record has many of (zod's code,
 * node_modules/zod/v4/core/checks.js, read for each): a length far enough inside its bound, a pattern, a refinement.
 * Anything else, and every value the shortcut cannot pass, goes to zod's own check.
 */
function stringCheck(check: Inner): (value: string) => boolean {
  const def = check._zod.def as Inner['_zod']['def'] & {
    check?: string;
    maximum?: number;
    minimum?: number;
    format?: string;
    pattern?: RegExp;
    fn?: (v: unknown) => unknown;
  };
  const slow = zodCheck(check);
  // Lengths: zod counts UTF-16 units and, near the bound, code points; within the units' bound it passes either way.
  if (def.check === 'max_length' && def.maximum !== undefined) {
    const max = def.maximum;
    return (value) => value.length <= max || slow(value);
  }
  if (def.check === 'min_length' && def.minimum !== undefined) {
    const min = def.minimum;
    return (value) => value.length >= 2 * min || slow(value);
  }
  // A format zod checks by its pattern alone ($ZodCheckStringFormat; datetime and date set only the pattern).
  if (def.check === 'string_format' && (def.format === 'datetime' || def.format === 'date') && def.pattern && !def.when) {
    const pattern = def.pattern;
    return (value) => {
      pattern.lastIndex = 0;
      return pattern.test(value);
    };
  }
  // A refinement ($ZodCustom): refused when its function answers a falsy value.
  if (def.check === 'custom' && def.fn && !def.when) {
    const fn = def.fn;
    return (value) => {
      const result = fn(value);
      return !(result instanceof Promise) && Boolean(result);
    };
  }
  return slow;
}

/** A plain z.string() (no coercion) with its checks, the schema itself first when it is a format (as zod runs them). */
function compileString(schema: Inner): Checker {
  const own = (schema._zod as { traits?: Set<string> }).traits?.has('$ZodCheck') ? [schema] : [];
  const checks = [...own, ...(schema._zod.def.checks ?? [])].map(stringCheck);
  return (value) => {
    if (typeof value !== 'string') return REFUSED;
    for (const check of checks) if (!check(value)) return REFUSED;
    return value;
  };
}

/**
 * One of a number's checks, with a shortcut for the common pass (node_modules/zod/v4/core/checks.js): a safe integer
 * for `z.int()`'s format, zod's own comparison for a bound. Anything else goes to zod's own check.
 */
function numberCheck(check: Inner): (value: number) => boolean {
  const def = check._zod.def as Inner['_zod']['def'] & { check?: string; format?: string; value?: unknown; inclusive?: boolean };
  const slow = zodCheck(check);
  if (def.check === 'number_format' && def.format === 'safeint') return (value) => Number.isSafeInteger(value) || slow(value);
  if (def.check === 'greater_than' && typeof def.value === 'number' && !def.when) {
    const bound = def.value;
    return def.inclusive ? (value) => value >= bound : (value) => value > bound;
  }
  if (def.check === 'less_than' && typeof def.value === 'number' && !def.when) {
    const bound = def.value;
    return def.inclusive ? (value) => value <= bound : (value) => value < bound;
  }
  return slow;
}

/** A plain z.number() or z.int() (no coercion) with its checks, the schema itself first when it is a format. */
function compileNumber(schema: Inner): Checker {
  const own = (schema._zod as { traits?: Set<string> }).traits?.has('$ZodCheck') ? [schema] : [];
  const checks = [...own, ...(schema._zod.def.checks ?? [])].map(numberCheck);
  return (value) => {
    // zod's number: a finite number (NaN is not finite).
    if (typeof value !== 'number' || !Number.isFinite(value)) return REFUSED;
    for (const check of checks) if (!check(value)) return REFUSED;
    return value;
  };
}

function compileNode(schema: Inner): Checker {
  const def = schema._zod.def;
  if (def.type === 'string' && !def.coerce) return compileString(schema);
  if (def.type === 'number' && !def.coerce) return compileNumber(schema);
  const values = (schema._zod as { values?: Set<unknown> }).values;
  if ((def.type === 'enum' || def.type === 'literal') && values && !def.checks?.length) return (value) => (values.has(value) ? value : REFUSED);
  if (def.type === 'boolean' && !def.coerce && !def.checks?.length) return (value) => (typeof value === 'boolean' ? value : REFUSED);
  if (LEAVES.has(def.type) && !def.coerce) {
    return (value) => {
      try {
        const payload = schema._zod.run({ value, issues: [] }, RUN_CTX);
        if (payload instanceof Promise || payload.issues.length > 0) return REFUSED;
        return payload.value;
      } catch {
        return REFUSED;
      }
    };
  }
  // zod runs an optional's inner schema on undefined too when that one fills it in (an optional default): not walked.
  if (def.type === 'optional' && def.innerType && (def.innerType._zod as { optin?: string }).optin !== 'optional') {
    const inner = compileNode(def.innerType);
    return (value) => (value === undefined ? ABSENT : inner(value));
  }
  if (def.type === 'nullable' && def.innerType) {
    const inner = compileNode(def.innerType);
    return (value) => (value === null ? null : inner(value));
  }
  if (def.type === 'default' && def.innerType) {
    const inner = compileNode(def.innerType);
    // The getter answers a fresh copy each time, as zod's parse does.
    return (value) => (value === undefined ? def.defaultValue : inner(value));
  }
  if (def.type === 'array' && def.element) {
    const element = compileNode(def.element);
    const checks = checksOf(schema);
    return (value) => {
      if (!Array.isArray(value)) return REFUSED;
      for (let i = 0; i < value.length; i++) {
        const out = element(value[i]);
        if (out === REFUSED || out === ABSENT) return REFUSED;
        if (out !== value[i]) value[i] = out;
      }
      return checks ? checks(value) : value;
    };
  }
  // z.object (unknown keys stripped by zod) and z.strictObject (refused): this walk takes neither, zod decides.
  if (def.type === 'object' && def.shape && (!def.catchall || def.catchall._zod.def.type === 'never')) {
    const keys = Object.keys(def.shape);
    const fields = keys.map((key) => compileNode(def.shape![key]!));
    const checks = checksOf(schema);
    return (value) => {
      if (!isPlainObject(value)) return REFUSED;
      // A new object with the schema's keys in the schema's order, as zod answers (stored records are compared as JSON).
      const built: Record<string, unknown> = {};
      let present = 0;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const out = fields[i]!(value[key]);
        if (out === REFUSED) return REFUSED;
        if (out === ABSENT) continue;
        if (value[key] !== undefined) present++;
        built[key] = out;
      }
      let own = 0;
      for (const key in value) if (Object.hasOwn(value, key)) own++;
      // A key the schema does not name (or one set to undefined): zod strips it or refuses it; let it.
      if (own !== present) return REFUSED;
      return checks ? checks(built) : built;
    };
  }
  if (def.type === 'union' && def.discriminator && def.options) {
    const byTag = new Map<unknown, Checker>();
    const key = def.discriminator;
    for (const option of def.options) {
      const tag = option._zod.def.shape?.[key]?._zod.def;
      if (tag?.type !== 'literal' || !tag.values) return delegate(schema);
      for (const v of tag.values) byTag.set(v, compileNode(option));
    }
    return (value) => (isPlainObject(value) ? (byTag.get(value[key])?.(value) ?? REFUSED) : REFUSED);
  }
  return delegate(schema);
}

/** A node the walk does not know (a pipe, a transform, a lazy schema…): zod parses that value. */
function delegate(schema: Inner): Checker {
  return (value) => {
    const result = schema.safeParse(value);
    return result.success ? result.data : REFUSED;
  };
}

/**
 * `schema`'s safeParse, faster on large bodies of the shapes it knows. Arrays are checked where they lie (an element
 * zod would answer differently is replaced in place by zod's value, which zod reads back the same); anything refused is
 * parsed again by zod, whose answer stands, errors included.
 */
export function compiledSafeParse<S extends z.ZodType>(schema: S): (value: unknown) => z.ZodSafeParseResult<z.output<S>> {
  const check = compileNode(schema as unknown as Inner);
  return (value) => {
    const out = check(value);
    if (out !== REFUSED && out !== ABSENT) return { success: true, data: out as z.output<S> };
    return schema.safeParse(value);
  };
}
