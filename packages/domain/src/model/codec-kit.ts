import * as t from 'io-ts';
import { textViolation, type TextLimits } from './text-rule.js';

/** One reason a value was refused: where it is and which rule it broke. Never the value itself. */
export interface Violation {
  readonly path: string;
  readonly rule: string;
}

/**
 * A string-shaped value type. `parse` returns the value or the rule it broke, in words a clerk
 * can act on ("must be 9 digits with a valid check digit"); the rule is all an error ever shows.
 */
export const stringCodec = <A>(
  name: string,
  is: (u: unknown) => u is A,
  parse: (s: string) => NoInfer<A> | { readonly rule: string },
  encode: (a: NoInfer<A>) => string,
  /** The text rule's limits, checked on the raw input before `parse` (see text-rule.ts). */
  limits: TextLimits,
): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(
    name,
    is,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, u === undefined ? 'is required' : 'must be text');
      const violation = textViolation(u, limits);
      if (violation !== undefined) return t.failure(u, c, violation);
      const parsed = parse(u);
      return isRule(parsed) ? t.failure(u, c, parsed.rule) : t.success(parsed);
    },
    encode,
  );

export const isRule = (x: unknown): x is { readonly rule: string } =>
  typeof x === 'object' && x !== null && 'rule' in x && Object.keys(x).length === 1;

/** io-ts errors as path + rule pairs. io-ts' own reporter prints the value; we never do. */
export const violations = (errors: t.Errors): Violation[] => {
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const error of errors) {
    const path = pathOf(error.context);
    const rule = error.message ?? expected(error.context);
    const key = `${path}\u0000${rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, rule });
  }
  return out;
};

const pathOf = (context: t.Context): string => {
  let path = '';
  for (let i = 1; i < context.length; i++) {
    const parent = context[i - 1]!.type;
    // union and intersection members are numbered in io-ts' context, but they are not a place in the data
    if (parent instanceof t.UnionType || parent instanceof t.IntersectionType) continue;
    const key = context[i]!.key;
    path = /^\d+$/.test(key) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
  }
  return path === '' ? '(root)' : path;
};

const expected = (context: t.Context): string => {
  const last = context[context.length - 1];
  if (last === undefined) return 'has the wrong shape';
  return last.actual === undefined ? 'is required' : `must be ${last.type.name}`;
};

type Props = Record<string, t.Mixed>;
type Flatten<T> = { [K in keyof T]: T[K] } & {};
export type TypeOfStruct<R extends Props, O extends Props> = Flatten<{ [K in keyof R]: t.TypeOf<R[K]> } & { [K in keyof O]?: t.TypeOf<O[K]> }>;
export type OutputOfStruct<R extends Props, O extends Props> = Flatten<{ [K in keyof R]: t.OutputOf<R[K]> } & { [K in keyof O]?: t.OutputOf<O[K]> }>;

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/*
 * Faster io-ts combinators for the hot path (every stored event is decoded through them). They keep
 * io-ts' contract, but validate optimistically: fields are first checked without building io-ts'
 * per-field context (an allocation per field), and only when something fails is the input checked
 * again with full contexts, so every error still names its exact path.
 */

/** An object with required and optional fields (`t.intersection([t.type, t.partial])`, in one pass). Unknown keys are dropped. */
export const struct = <R extends Props, O extends Props = {}>(
  name: string,
  required: R,
  optional: O = {} as O,
): t.Type<TypeOfStruct<R, O>, OutputOfStruct<R, O>, unknown> => {
  const requiredKeys = Object.keys(required);
  const optionalKeys = Object.keys(optional);
  const precise = (u: Record<string, unknown>, c: t.Context): t.Validation<TypeOfStruct<R, O>> => {
    const errors: t.ValidationError[] = [];
    for (const key of requiredKeys) {
      const codec = required[key]!;
      const r = codec.validate(u[key], t.appendContext(c, key, codec, u[key]));
      if (r._tag === 'Left') errors.push(...r.left);
    }
    for (const key of optionalKeys) {
      if (u[key] === undefined) continue;
      const codec = optional[key]!;
      const r = codec.validate(u[key], t.appendContext(c, key, codec, u[key]));
      if (r._tag === 'Left') errors.push(...r.left);
    }
    return t.failures(errors);
  };
  // Keys and codecs as parallel arrays, walked by index: the loop below runs for every field of
  // every stored event read, and a property lookup by key on the props object costs more than the check.
  const requiredCodecs = requiredKeys.map((k) => required[k]!);
  const optionalCodecs = optionalKeys.map((k) => optional[k]!);
  return new t.Type(
    name,
    (u): u is TypeOfStruct<R, O> =>
      isRecord(u) &&
      requiredKeys.every((k) => required[k]!.is(u[k])) &&
      optionalKeys.every((k) => u[k] === undefined || optional[k]!.is(u[k])),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, u === undefined ? 'is required' : 'must be an object');
      const out: Record<string, unknown> = {};
      for (let i = 0; i < requiredKeys.length; i++) {
        const key = requiredKeys[i]!;
        const r = requiredCodecs[i]!.validate(u[key], c);
        if (r._tag === 'Left') return precise(u, c);
        out[key] = r.right;
      }
      for (let i = 0; i < optionalKeys.length; i++) {
        const key = optionalKeys[i]!;
        const value = u[key];
        if (value === undefined) continue;
        const r = optionalCodecs[i]!.validate(value, c);
        if (r._tag === 'Left') return precise(u, c);
        out[key] = r.right;
      }
      return t.success(out as TypeOfStruct<R, O>);
    },
    (a) => {
      const out: Record<string, unknown> = {};
      const input = a as Record<string, unknown>;
      for (let i = 0; i < requiredKeys.length; i++) out[requiredKeys[i]!] = requiredCodecs[i]!.encode(input[requiredKeys[i]!]);
      for (let i = 0; i < optionalKeys.length; i++) {
        const value = input[optionalKeys[i]!];
        if (value !== undefined) out[optionalKeys[i]!] = optionalCodecs[i]!.encode(value);
      }
      return out as OutputOfStruct<R, O>;
    },
  );
};

/** An array of `item`, validated optimistically like `struct`. */
export const list = <C extends t.Mixed>(item: C, name = `Array<${item.name}>`): t.Type<t.TypeOf<C>[], t.OutputOf<C>[], unknown> =>
  new t.Type(
    name,
    (u): u is t.TypeOf<C>[] => Array.isArray(u) && u.every((x) => item.is(x)),
    (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c, u === undefined ? 'is required' : 'must be a list');
      const out: t.TypeOf<C>[] = new Array(u.length);
      for (let i = 0; i < u.length; i++) {
        const r = item.validate(u[i], c);
        if (r._tag === 'Right') {
          out[i] = r.right;
          continue;
        }
        const errors: t.ValidationError[] = [];
        u.forEach((x, j) => {
          const precise = item.validate(x, t.appendContext(c, String(j), item, x));
          if (precise._tag === 'Left') errors.push(...precise.left);
        });
        return t.failures(errors);
      }
      return t.success(out);
    },
    (a) => a.map((x) => item.encode(x)),
  );

/** `codec` or null. */
export const nullable = <C extends t.Mixed>(codec: C): t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null, unknown> =>
  new t.Type(
    `${codec.name} | null`,
    (u): u is t.TypeOf<C> | null => u === null || codec.is(u),
    (u, c) => (u === null ? t.success(null) : codec.validate(u, c)),
    (a) => (a === null ? null : codec.encode(a)),
  );
