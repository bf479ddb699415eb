import * as t from 'io-ts';
import { textViolation, type TextLimits } from './text-rule.js';

/** One reason a value was refused: where it is and which rule it broke. Never the value itself. */
export interface Violation {
  readonly path: string;
  readonly rule: string;
}

/** Why a codec's check refused a value: the rule, never the value. */
export class Refusal {
  constructor(readonly rule: string) {}
}

const isRequired = new Refusal('is required');
const mustBeText = new Refusal('must be text');

/** Text within `limits`, or why not (missing, not text, or the text rule it breaks): every string codec's first check. */
export const textRefusal = (u: unknown, limits: TextLimits): Refusal | undefined => {
  if (typeof u !== 'string') return u === undefined ? isRequired : mustBeText;
  const violation = textViolation(u, limits);
  return violation === undefined ? undefined : new Refusal(violation);
};

/*
 * Reads: how a codec decodes a value without io-ts' context and Either, answering the decoded value
 * or `miss` where only io-ts' decode can say why not (with the path). The combinators below read
 * first and validate with full contexts only when a read misses, so every stored event read pays
 * neither an Either nor a context per field. A codec made with `checkedCodec` (every string codec
 * here) reads and validates with the one check, so the two cannot disagree; other io-ts codecs read
 * through their own validate.
 */
const miss: unique symbol = Symbol('needs the decode');
type Read = (u: unknown) => unknown;
const reads = new WeakMap<t.Any, Read>();

/** The read of `codec`: the decoded value, or `miss`. */
const readOf = (codec: t.Any): Read => {
  const known = reads.get(codec);
  if (known !== undefined) return known;
  // io-ts' own primitives decode a value to itself exactly when their guard accepts it
  const read: Read =
    codec instanceof t.KeyofType || codec instanceof t.NumberType || codec instanceof t.BooleanType || codec instanceof t.StringType
      ? (u) => (codec.is(u) ? u : miss)
      : (u) => {
          const r = codec.validate(u, [{ key: '', type: codec, actual: u }]);
          return r._tag === 'Right' ? r.right : miss;
        };
  reads.set(codec, read);
  return read;
};

let reading = true;

/**
 * Runs `body` with the combinators' reads switched off, so that `struct` and `list` validate every
 * field with io-ts' context as they did before the reads: the decode the reads are tested against.
 * For tests only.
 */
export const withoutReads = <T>(body: () => T): T => {
  reading = false;
  try {
    return body();
  } finally {
    reading = true;
  }
};

/**
 * How `codec` decodes a value without io-ts' per-field Either and context: the decoded value, or
 * undefined where the decode refuses (`decode` then names the path and rule). Take it once and keep
 * it: a codec whose values can be undefined must not be read this way.
 */
export const readerOf = <A>(codec: t.Type<A, unknown, unknown>): ((u: unknown) => A | undefined) => {
  const read = readOf(codec);
  return (u) => {
    const value = read(u);
    return value === miss ? undefined : (value as A);
  };
};

/** A codec made of one check that answers the decoded value or why it refused: io-ts' validate and the read both use it. */
export const checkedCodec = <A, O>(name: string, is: (u: unknown) => u is A, check: (u: unknown) => A | Refusal, encode: (a: A) => O): t.Type<A, O, unknown> => {
  const codec = new t.Type<A, O, unknown>(
    name,
    is,
    (u, c) => {
      const r = check(u);
      return r instanceof Refusal ? t.failure(u, c, r.rule) : t.success(r);
    },
    encode,
  );
  reads.set(codec, (u) => {
    const r = check(u);
    return r instanceof Refusal ? miss : r;
  });
  return codec;
};

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
  checkedCodec<A, string>(
    name,
    is,
    (u) => {
      const refused = textRefusal(u, limits);
      if (refused !== undefined) return refused;
      const parsed = parse(u as string);
      return isRule(parsed) ? new Refusal(parsed.rule) : parsed;
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
  // Every field validated with its full context, so that each error names its path. It builds the
  // value too, so that it alone is the decode the reads are tested against (see `withoutReads`).
  const precise = (u: Record<string, unknown>, c: t.Context): t.Validation<TypeOfStruct<R, O>> => {
    const errors: t.ValidationError[] = [];
    const out: Record<string, unknown> = {};
    for (const key of requiredKeys) {
      const codec = required[key]!;
      const r = codec.validate(u[key], t.appendContext(c, key, codec, u[key]));
      if (r._tag === 'Left') errors.push(...r.left);
      else out[key] = r.right;
    }
    for (const key of optionalKeys) {
      if (u[key] === undefined) continue;
      const codec = optional[key]!;
      const r = codec.validate(u[key], t.appendContext(c, key, codec, u[key]));
      if (r._tag === 'Left') errors.push(...r.left);
      else out[key] = r.right;
    }
    return errors.length === 0 ? t.success(out as TypeOfStruct<R, O>) : t.failures(errors);
  };
  // Keys and reads as parallel arrays, walked by index: the loop below runs for every field of
  // every stored event read, and a property lookup by key on the props object costs more than the check.
  const requiredCodecs = requiredKeys.map((k) => required[k]!);
  const optionalCodecs = optionalKeys.map((k) => optional[k]!);
  const requiredReads = requiredCodecs.map(readOf);
  const optionalReads = optionalCodecs.map(readOf);
  const read = (u: unknown): unknown => {
    if (!isRecord(u)) return miss;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < requiredKeys.length; i++) {
      const key = requiredKeys[i]!;
      const value = requiredReads[i]!(u[key]);
      if (value === miss) return miss;
      out[key] = value;
    }
    for (let i = 0; i < optionalKeys.length; i++) {
      const key = optionalKeys[i]!;
      const raw = u[key];
      if (raw === undefined) continue;
      const value = optionalReads[i]!(raw);
      if (value === miss) return miss;
      out[key] = value;
    }
    return out;
  };
  const codec = new t.Type(
    name,
    (u): u is TypeOfStruct<R, O> => {
      if (!isRecord(u)) return false;
      for (let i = 0; i < requiredKeys.length; i++) if (!requiredCodecs[i]!.is(u[requiredKeys[i]!])) return false;
      for (let i = 0; i < optionalKeys.length; i++) {
        const value = u[optionalKeys[i]!];
        if (value !== undefined && !optionalCodecs[i]!.is(value)) return false;
      }
      return true;
    },
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c, u === undefined ? 'is required' : 'must be an object');
      const value = reading ? read(u) : miss;
      return value === miss ? precise(u, c) : t.success(value as TypeOfStruct<R, O>);
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
  reads.set(codec, read);
  return codec;
};

/** An array of `item`, validated optimistically like `struct`. */
export const list = <C extends t.Mixed>(item: C, name = `Array<${item.name}>`): t.Type<t.TypeOf<C>[], t.OutputOf<C>[], unknown> => {
  const itemRead = readOf(item);
  const read = (u: unknown): unknown => {
    if (!Array.isArray(u)) return miss;
    const out: unknown[] = new Array(u.length);
    for (let i = 0; i < u.length; i++) {
      const value = itemRead(u[i]);
      if (value === miss) return miss;
      out[i] = value;
    }
    return out;
  };
  const codec = new t.Type<t.TypeOf<C>[], t.OutputOf<C>[], unknown>(
    name,
    (u): u is t.TypeOf<C>[] => {
      if (!Array.isArray(u)) return false;
      for (let i = 0; i < u.length; i++) if (!item.is(u[i])) return false;
      return true;
    },
    (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c, u === undefined ? 'is required' : 'must be a list');
      const value = reading ? read(u) : miss;
      if (value !== miss) return t.success(value as t.TypeOf<C>[]);
      const errors: t.ValidationError[] = [];
      const out: t.TypeOf<C>[] = new Array(u.length);
      // by index, not forEach: a hole in the array is a missing item, refused as the read refuses it
      for (let j = 0; j < u.length; j++) {
        const x: unknown = u[j];
        const precise = item.validate(x, t.appendContext(c, String(j), item, x));
        if (precise._tag === 'Left') errors.push(...precise.left);
        else out[j] = precise.right;
      }
      return errors.length === 0 ? t.success(out) : t.failures(errors);
    },
    (a) => a.map((x) => item.encode(x)),
  );
  reads.set(codec, read);
  return codec;
};

/** `codec` or null. */
export const nullable = <C extends t.Mixed>(codec: C): t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null, unknown> => {
  const inner = readOf(codec);
  const type = new t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null, unknown>(
    `${codec.name} | null`,
    (u): u is t.TypeOf<C> | null => u === null || codec.is(u),
    (u, c) => (u === null ? t.success(null) : codec.validate(u, c)),
    (a) => (a === null ? null : codec.encode(a)),
  );
  reads.set(type, (u) => (u === null ? null : inner(u)));
  return type;
};
