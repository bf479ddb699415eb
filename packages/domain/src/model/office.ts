import * as t from 'io-ts';
import { OrgNumberCodec } from './org-number.js';
import { stringCodec, struct } from './codec-kit.js';

export const officeKinds = ['opplaeringskontor', 'laerebedrift'] as const;
export type OfficeKind = (typeof officeKinds)[number];

declare const nameBrand: unique symbol;
/** A display name: trimmed, 1–200 characters. */
export type DisplayName = string & { readonly [nameBrand]: true };

/** What JavaScript's `\s` (and `trim`) counts as white space. */
const isWhiteSpace = (c: number): boolean =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/**
 * Already tidy, /^\S(?:\S| (?! ))*$/ checked character by character (every stored name is, and
 * the property tests keep the expression as the oracle): no white space but single spaces, and not
 * at the start.
 */
const isTidy = (s: string): boolean => {
  if (s.length === 0 || isWhiteSpace(s.charCodeAt(0))) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue; // printable ASCII, most of every name
    if (c === 0x20 ? s.charCodeAt(i + 1) === 0x20 : isWhiteSpace(c)) return false;
  }
  return true;
};

export const parseDisplayName = (raw: string): DisplayName | { rule: string } => {
  if (raw.length <= 200 && isTidy(raw)) return raw as DisplayName; // already trimmed, single spaces
  const s = raw.trim().replace(/\s+/g, ' ');
  if (s.length === 0) return { rule: 'must not be empty' };
  if (s.length > 200) return { rule: 'must be at most 200 characters' };
  return s as DisplayName;
};

export const DisplayNameCodec: t.Type<DisplayName, string, unknown> = stringCodec(
  'DisplayName',
  (u): u is DisplayName => typeof u === 'string' && parseDisplayName(u) === u,
  parseDisplayName,
  (n) => n,
  // the raw input may carry spaces that are folded away; the stored name is at most 200 characters
  { maxLength: 1000, whitespaceControls: true },
);

export const OfficeKindCodec = t.keyof({ opplaeringskontor: null, laerebedrift: null }, 'OfficeKind');

/**
 * The training office (opplæringskontor) that holds the apprentice, or the training company
 * (lærebedrift) itself where no office is involved. Reports group contracts by this.
 */
export const OfficeCodec = struct('Office', { orgNumber: OrgNumberCodec, name: DisplayNameCodec, kind: OfficeKindCodec });
export type Office = t.TypeOf<typeof OfficeCodec>;

/** The company where the apprentice works, when it is not the office itself. */
export const CompanyCodec = struct('Company', { orgNumber: OrgNumberCodec, name: DisplayNameCodec });
export type Company = t.TypeOf<typeof CompanyCodec>;
