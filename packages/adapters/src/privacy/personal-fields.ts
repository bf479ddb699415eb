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
 * As `replacePersonalValues` over a stored form that must not change (a store may hand out the
 * object it keeps): one pass, copying only the objects on the way to a replaced value. Returns
 * `data` itself when nothing was replaced.
 */
export const mapPersonalValues = (type: string, data: unknown, replace: (field: string, stored: unknown) => unknown): unknown => {
  const paths = pathsOf(type);
  if (paths === undefined) return data;
  let out = data;
  for (const path of paths) out = mapAt(out, path, 0, path[path.length - 1]!, replace);
  return out;
};

const mapAt = (node: unknown, path: PersonalDataPath, depth: number, field: string, replace: (field: string, stored: unknown) => unknown): unknown => {
  if (typeof node !== 'object' || node === null) return node;
  const key = path[depth]!;
  if (key === '*') {
    if (!Array.isArray(node)) return node;
    let copy: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const next = mapAt(node[i], path, depth + 1, field, replace);
      if (next !== node[i]) (copy ??= [...node])[i] = next;
    }
    return copy ?? node;
  }
  const holder = node as Record<string, unknown>;
  const value = holder[key];
  if (value === undefined) return node;
  const next = depth === path.length - 1 ? replace(field, value) : mapAt(value, path, depth + 1, field, replace);
  return next === value ? node : { ...holder, [key]: next };
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
