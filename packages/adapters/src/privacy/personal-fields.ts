import { erasedForm, erasedText, personalDataPaths, PersonalValue, type PersonalDataPath, type SerializedEvent } from '@fagsign/domain';
import { isEnvelope } from './envelope.js';

/*
 * Walks the personal-data paths the domain names for an event type, over the event's stored form
 * (plain JSON) and, when encrypting, over the domain event beside it (to read each value's kind).
 */

export interface FoundValue {
  /** The stored text (the domain codec's encoding). */
  readonly text: string;
  /** The value's kind for statistics (norwegian, personal, fnr, …); undefined for names. */
  readonly kind: string | undefined;
  /** `personalId`, `mobile`, `email` or `name`: the label of the equality tag. */
  readonly field: string;
}

// A Map: asked for every event of every read (the projection view's first question), where a
// property lookup guarded by hasOwnProperty cost 3 % of a whole SQLite rebuild.
const pathsByType: ReadonlyMap<string, readonly PersonalDataPath[]> = new Map(
  Object.entries(personalDataPaths).filter((entry): entry is [string, readonly PersonalDataPath[]] => entry[1] !== undefined),
);

export const pathsOf = (type: string): readonly PersonalDataPath[] | undefined => pathsByType.get(type);

type Visit = (holder: Record<string, unknown>, key: string, domainValue: unknown) => void;

/** Calls `visit` for each place on `path` that holds a value, with the domain object's value beside it. */
const walk = (stored: unknown, domain: unknown, path: PersonalDataPath, depth: number, visit: Visit): void => {
  if (typeof stored !== 'object' || stored === null) return;
  const key = path[depth]!;
  if (key === '*') {
    if (!Array.isArray(stored)) return;
    stored.forEach((item, i) => walk(item, Array.isArray(domain) ? domain[i] : undefined, path, depth + 1, visit));
    return;
  }
  const holder = stored as Record<string, unknown>;
  const domainChild = typeof domain === 'object' && domain !== null ? (domain as Record<string, unknown>)[key] : undefined;
  if (depth === path.length - 1) {
    if (holder[key] !== undefined) visit(holder, key, domainChild);
    return;
  }
  walk(holder[key], domainChild, path, depth + 1, visit);
};

/** Replaces each personal value of `data` (a fresh copy of the stored form, changed in place) by `replace`'s answer. */
export const replacePersonalValues = (
  type: string,
  data: unknown,
  domainData: unknown,
  replace: (value: FoundValue, stored: unknown) => unknown,
): boolean => {
  const paths = pathsOf(type);
  if (paths === undefined) return false;
  let changed = false;
  for (const path of paths) {
    const field = path[path.length - 1]!;
    walk(data, domainData, path, 0, (holder, key, domainValue) => {
      const stored = holder[key];
      const kind = domainValue instanceof PersonalValue ? kindOf(domainValue) : undefined;
      const next = replace({ text: typeof stored === 'string' ? stored : '', kind, field }, stored);
      if (next !== stored) {
        holder[key] = next;
        changed = true;
      }
    });
  }
  return changed;
};

const kindOf = (value: PersonalValue): string | undefined => {
  const kind = (value as unknown as { kind?: unknown }).kind;
  return typeof kind === 'string' ? kind : undefined;
};

/** What an erased value reads back as: a name becomes «slettet», a personal value its erased form with kind and tag. */
export const erasedStoredText = (field: string, kind: string | undefined, eq: string | undefined): string =>
  field === 'name' ? erasedText : erasedForm(kind ?? 'invalid', eq ?? '');

/**
 * An event type's personal-data paths as one tree, so a read walks each shared step once (the
 * parties of a registration once, not once per field). At each level: the keys whose values are
 * personal values, the keys to go on through, or `items` for every item of a list.
 */
interface PathTree {
  readonly leaves: readonly string[];
  readonly children: readonly (readonly [string, PathTree])[];
  readonly items: PathTree | undefined;
}

const treeOf = (paths: readonly PersonalDataPath[]): PathTree => {
  const leaves = [...new Set(paths.filter((p) => p.length === 1).map((p) => p[0]!))];
  const deeper = new Map<string, PersonalDataPath[]>();
  for (const p of paths) if (p.length > 1) deeper.set(p[0]!, [...(deeper.get(p[0]!) ?? []), p.slice(1)]);
  const star = deeper.get('*');
  deeper.delete('*');
  // '*' means "every item of a list": a level cannot be a list and an object at once
  if (star !== undefined && (leaves.length > 0 || deeper.size > 0)) throw new Error('a personal-data path level is either "*" or keys');
  return { leaves, children: [...deeper].map(([key, rest]) => [key, treeOf(rest)] as const), items: star === undefined ? undefined : treeOf(star) };
};

const treesByType: ReadonlyMap<string, PathTree> = new Map([...pathsByType].map(([type, paths]) => [type, treeOf(paths)]));

/**
 * As `replacePersonalValues` over a stored form that must not change (a store may hand out the
 * object it keeps): one pass, copying only the objects on the way to a replaced value. Returns
 * `data` itself when nothing was replaced.
 */
export const mapPersonalValues = (type: string, data: unknown, replace: (field: string, stored: unknown) => unknown): unknown => {
  const tree = treesByType.get(type);
  return tree === undefined ? data : mapTree(data, tree, replace);
};

const mapTree = (node: unknown, tree: PathTree, replace: (field: string, stored: unknown) => unknown): unknown => {
  if (typeof node !== 'object' || node === null) return node;
  if (tree.items !== undefined) {
    if (!Array.isArray(node)) return node;
    let copy: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const next = mapTree(node[i], tree.items, replace);
      if (next !== node[i]) (copy ??= [...node])[i] = next;
    }
    return copy ?? node;
  }
  const holder = node as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of tree.leaves) {
    const value = holder[key];
    if (value === undefined) continue;
    const next = replace(key, value);
    if (next !== value) (copy ??= { ...holder })[key] = next;
  }
  for (const [key, child] of tree.children) {
    const value = holder[key];
    if (value === undefined) continue;
    const next = mapTree(value, child, replace);
    if (next !== value) (copy ??= { ...holder })[key] = next;
  }
  return copy ?? holder;
};

/**
 * The stored form with every sealed value replaced by what the envelope tells in clear (its kind
 * and equality tag), without a key: for readers that need no personal value, such as projections.
 * Plain values (a log written before encryption, or a store without encryption) are left as they are.
 */
export const sealedStored = (stored: SerializedEvent): SerializedEvent => {
  const data = mapPersonalValues(stored.type, stored.data, (field, raw) => (isEnvelope(raw) ? erasedStoredText(field, raw.$enc.kind, raw.$enc.eq) : raw));
  return data === stored.data ? stored : { ...stored, data };
};
