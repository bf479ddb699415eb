import * as t from 'io-ts';

/*
 * Small io-ts combinators for the configuration file. Unlike the event codecs they refuse unknown
 * fields: a misspelt `valdityDays` silently ignored would run a county on the default policy.
 * Every failure names its path and rule, never the value (a store URL may hold a password).
 */

/** One thing wrong with the configuration: where, and which rule it broke. */
export interface ConfigProblem {
  readonly path: string;
  readonly rule: string;
}

type Props = Record<string, t.Mixed>;
type Flatten<T> = { [K in keyof T]: T[K] } & {};
type ObjectOf<R extends Props, O extends Props> = Flatten<{ [K in keyof R]: t.TypeOf<R[K]> } & { [K in keyof O]?: t.TypeOf<O[K]> }>;

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** An object with required and optional fields and no others; every field's problem is reported. */
export const strictObject = <R extends Props, O extends Props = {}>(name: string, required: R, optional: O = {} as O): t.Type<ObjectOf<R, O>, unknown, unknown> =>
  new t.Type<ObjectOf<R, O>, unknown, unknown>(
    name,
    (u): u is ObjectOf<R, O> => isRecord(u),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, u === undefined ? 'is required' : 'must be an object');
      const errors: t.ValidationError[] = [];
      const out: Record<string, unknown> = {};
      const field = (key: string, codec: t.Mixed) => {
        const r = codec.validate(u[key], t.appendContext(c, key, codec, u[key]));
        if (r._tag === 'Left') errors.push(...r.left);
        else if (r.right !== undefined) out[key] = r.right;
      };
      for (const [key, codec] of Object.entries(required)) field(key, codec);
      for (const [key, codec] of Object.entries(optional)) if (u[key] !== undefined) field(key, codec);
      const known = new Set([...Object.keys(required), ...Object.keys(optional)]);
      for (const key of Object.keys(u)) {
        if (!known.has(key)) errors.push({ value: u[key], context: t.appendContext(c, key, t.unknown, u[key]), message: `is not a known field (known: ${[...known].join(', ')})` });
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out as ObjectOf<R, O>);
    },
    t.identity,
  );

/** A map with keys checked by `key` (which may rename them, e.g. "østfold" to "Østfold"). */
export const keyedBy = <V extends t.Mixed>(name: string, key: (k: string) => string | { rule: string }, value: V): t.Type<Record<string, t.TypeOf<V>>, unknown, unknown> =>
  new t.Type<Record<string, t.TypeOf<V>>, unknown, unknown>(
    name,
    (u): u is Record<string, t.TypeOf<V>> => isRecord(u),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, 'must be an object');
      const errors: t.ValidationError[] = [];
      const out: Record<string, t.TypeOf<V>> = {};
      for (const [k, v] of Object.entries(u)) {
        const named = key(k);
        const context = t.appendContext(c, k, value, v);
        if (typeof named !== 'string') {
          errors.push({ value: v, context, message: named.rule });
          continue;
        }
        const r = value.validate(v, context);
        if (r._tag === 'Left') errors.push(...r.left);
        else out[named] = r.right;
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out);
    },
    t.identity,
  );

/** A value from a fixed list. */
export const oneOf = <T extends string>(name: string, values: readonly T[]): t.Type<T, unknown, unknown> =>
  new t.Type<T, unknown, unknown>(
    name,
    (u): u is T => typeof u === 'string' && (values as readonly string[]).includes(u),
    (u, c) => (typeof u === 'string' && (values as readonly string[]).includes(u) ? t.success(u as T) : t.failure(u, c, `must be one of ${values.map((v) => `"${v}"`).join(', ')}`)),
    t.identity,
  );

/** A whole number from `min` to `max`. */
export const wholeNumber = (min: number, max: number): t.Type<number, unknown, unknown> =>
  new t.Type<number, unknown, unknown>(
    `integer ${min}–${max}`,
    (u): u is number => Number.isInteger(u) && (u as number) >= min && (u as number) <= max,
    (u, c) => (Number.isInteger(u) && (u as number) >= min && (u as number) <= max ? t.success(u as number) : t.failure(u, c, `must be a whole number from ${min} to ${max}`)),
    t.identity,
  );

/** Any number (the domain's policy rules give the ranges, in one place). */
export const number: t.Type<number, unknown, unknown> = new t.Type<number, unknown, unknown>(
  'number',
  (u): u is number => typeof u === 'number',
  (u, c) => (typeof u === 'number' && Number.isFinite(u) ? t.success(u) : t.failure(u, c, 'must be a number')),
  t.identity,
);

export const text = (rule = 'must be text', test: (s: string) => boolean = (s) => s.length > 0): t.Type<string, unknown, unknown> =>
  new t.Type<string, unknown, unknown>(
    'text',
    (u): u is string => typeof u === 'string' && test(u),
    (u, c) => (typeof u === 'string' && test(u) ? t.success(u) : t.failure(u, c, u === undefined ? 'is required' : rule)),
    t.identity,
  );

export const bool: t.Type<boolean, unknown, unknown> = new t.Type<boolean, unknown, unknown>(
  'boolean',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => (typeof u === 'boolean' ? t.success(u) : t.failure(u, c, 'must be true or false')),
  t.identity,
);

/** io-ts errors as path + rule; io-ts' own reporter prints the value, which we never do. */
export const problemsOf = (errors: t.Errors): ConfigProblem[] => {
  const seen = new Set<string>();
  const out: ConfigProblem[] = [];
  for (const error of errors) {
    const path = error.context
      .slice(1)
      .map((entry) => entry.key)
      .reduce((p, key) => (/^\d+$/.test(key) ? `${p}[${key}]` : p === '' ? key : `${p}.${key}`), '');
    const rule = error.message ?? (error.value === undefined ? 'is required' : `must be ${error.context[error.context.length - 1]?.type.name ?? 'something else'}`);
    const key = `${path}\u0000${rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: path === '' ? '(root)' : path, rule });
  }
  return out;
};
