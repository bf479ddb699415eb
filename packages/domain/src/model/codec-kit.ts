import * as t from 'io-ts';

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
): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(
    name,
    is,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, 'must be text');
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
