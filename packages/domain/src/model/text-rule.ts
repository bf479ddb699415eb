import * as t from 'io-ts';

/*
 * One rule for every text field, applied by the codecs before a field's own parsing:
 * - a length limit, checked first, on the raw input: a 10 MB "name" is refused in microseconds,
 *   never trimmed, lower-cased or matched by a regular expression first;
 * - no NUL or other C0/C1 control characters (terminal escape codes, backspaces), except the
 *   whitespace a field allows (a display name's tabs and line breaks are folded into spaces);
 * - no bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069), which make a name
 *   read differently from what it is;
 * - no lone surrogates: they are not text, and PostgreSQL refuses them where SQLite and memory
 *   would store them, so a log that one store holds would stop a copy to another.
 * What one store accepts, every store accepts, because the stores decode what they append.
 */

/** What a text field may hold beyond printable characters. */
export interface TextLimits {
  /** At most this many UTF-16 code units, raw, before any normalisation. */
  readonly maxLength: number;
  /** Tab, line feed and carriage return are allowed (the field folds or keeps them). */
  readonly whitespaceControls?: boolean;
}

/**
 * Where the first character the rule forbids sits, or -1: one pass over the UTF-16 code units,
 * several times faster than the equivalent regular expression (`printable`'s, with tab, line feed
 * and carriage return allowed when `whitespaceControls`; a property test holds the two together).
 * Every text field of every stored event is checked on each read.
 */
const firstForbidden = (s: string, whitespaceControls: boolean): number => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (whitespaceControls && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return i;
    }
    if (c < 0x7f) continue;
    if (c <= 0x9f) return i;
    if (c < 0x202a) continue;
    if (c <= 0x202e || (c >= 0x2066 && c <= 0x2069)) return i;
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return i; // a low surrogate that no high one opened
    const next = s.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return i; // a high surrogate that no low one closes
    i++;
  }
  return -1;
};

/** The rule a text breaks, or undefined. Never quotes the text: it may be personal data. */
export const textViolation = (s: string, limits: TextLimits): string | undefined => {
  if (s.length > limits.maxLength) return `must be at most ${limits.maxLength} characters`;
  const index = firstForbidden(s, limits.whitespaceControls === true);
  if (index < 0) return undefined;
  const code = s.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdfff) return 'must not contain a broken character (a lone surrogate)';
  if (code >= 0x202a) return 'must not contain a bidirectional override character';
  return `must not contain control characters (found U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${index + 1})`;
};

/** Free text within limits, kept exactly as given (a reason, a provider's job id or status code). */
export const boundedText = (name: string, limits: TextLimits): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && textViolation(u, limits) === undefined,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, u === undefined ? 'is required' : 'must be text');
      const rule = textViolation(u, limits);
      return rule === undefined ? t.success(u) : t.failure(u, c, rule);
    },
    (s) => s,
  );

/** Shows text on a terminal safely: control, bidi-override and broken characters become U+FFFD, so nothing typed can move the cursor or recolour the screen. */
export const printable = (s: string): string =>
  s.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
