import { classifiedCodecs, erasedFormOf, PersonalValue } from './personal-value.js';

/**
 * - `personal`: a syntactically valid address that looks like one person's.
 * - `shared`: a role or shared mailbox (post@, postmottak@, info@, …): nobody in particular reads
 *   it, so a faglig leder or daglig leder registered with one never gets the signing link in time.
 * - `invalid`: what was registered, kept so the pre-flight check can say what is wrong with it.
 */
export type EmailKind = 'personal' | 'shared' | 'invalid';

/** Local parts (before any +tag) of role and shared mailboxes seen at Norwegian companies. */
export const sharedMailboxNames: ReadonlySet<string> = new Set([
  'post', 'postmottak', 'postkasse', 'mottak', 'firmapost', 'firma', 'firmamail', 'fellesmail', 'felles',
  'info', 'informasjon', 'kontakt', 'contact', 'mail', 'epost', 'e-post', 'office', 'kontor', 'kontoret',
  'admin', 'administrasjon', 'adm', 'resepsjon', 'sentralbord', 'ekspedisjon', 'service', 'kundeservice',
  'support', 'hjelp', 'salg', 'sales', 'bestilling', 'ordre', 'booking', 'faktura', 'regnskap', 'okonomi',
  'økonomi', 'lonn', 'lønn', 'personal', 'hr', 'jobb', 'jobs', 'rekruttering', 'verksted', 'butikk',
  'bedrift', 'avdeling', 'lager', 'drift', 'hei', 'hallo', 'hello', 'noreply', 'no-reply', 'postmaster',
  'webmaster', 'laerling', 'lærling', 'laerlinger', 'lærlinger', 'opplaering', 'opplæring',
]);

const isLowerAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * The plain-ASCII address syntax, checked character by character (several times faster than the
 * regular expression it stands for, which the property tests keep as the oracle):
 * /^[a-z0-9._%+'-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/: a local part, "@",
 * one or more domain labels (1–63 letters, digits or "-", neither first nor last a "-"), each
 * followed by ".", and a top-level domain of 2–63 letters.
 */
export const isAsciiAddress = (s: string): boolean => {
  const at = s.indexOf('@');
  if (at < 1 || at > 64) return false;
  for (let i = 0; i < at; i++) {
    const c = s.charCodeAt(i);
    // . _ % + ' -
    if (!(isLowerAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 39 || c === 45)) return false;
  }
  let labels = 0;
  let start = at + 1;
  for (;;) {
    const dot = s.indexOf('.', start);
    if (dot < 0) break;
    const length = dot - start;
    if (length < 1 || length > 63 || s.charCodeAt(start) === 45 || s.charCodeAt(dot - 1) === 45) return false;
    for (let i = start; i < dot; i++) {
      const c = s.charCodeAt(i);
      if (!(isLowerAlnum(c) || c === 45)) return false;
    }
    labels++;
    start = dot + 1;
  }
  const tld = s.length - start;
  if (labels === 0 || tld < 2 || tld > 63) return false;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 97 && c <= 122)) return false;
  }
  return true;
};

// Most addresses are plain ASCII; the Unicode pattern (for domains such as blåbær.no) is slower.
const syntax = /^[^\s@"<>(),;:\\[\]]{1,64}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;

export class EmailAddress extends PersonalValue {
  readonly label = 'email';
  private constructor(
    value: string,
    readonly kind: EmailKind,
    readonly problem: string | undefined,
  ) {
    super(value);
  }

  static parse(raw: string): EmailAddress | { rule: string } {
    const address = EmailAddress.registered(raw);
    return address.kind === 'invalid' ? { rule: address.problem! } : address;
  }

  static registered(raw: string): EmailAddress {
    const erased = erasedFormOf(raw);
    if (erased !== undefined) {
      const kind: EmailKind = erased.kind === 'personal' || erased.kind === 'shared' ? erased.kind : 'invalid';
      return new EmailAddress(raw, kind, kind === 'invalid' ? 'was erased' : undefined);
    }
    const s = raw.trim().toLowerCase();
    if (s.length > 254) return new EmailAddress(s, 'invalid', 'an e-mail address must be at most 254 characters');
    if (!(isAsciiAddress(s) || syntax.test(s)) || s.includes('..') || s.startsWith('.') || s.includes('.@')) {
      return new EmailAddress(s, 'invalid', 'must be an e-mail address such as name@company.no');
    }
    return new EmailAddress(s, isSharedMailbox(s) ? 'shared' : 'personal', undefined);
  }
}

/**
 * A role or shared mailbox: the local part before any "+tag" is one of `sharedMailboxNames`, or
 * starts with post, postmottak or firmapost and a ".", "-" or "_" (post.oslo@, post-bergen@,
 * postmottak.skien@: a department's shared box). Takes a syntactically valid address.
 */
export const isSharedMailbox = (address: string): boolean => {
  const at = address.indexOf('@');
  const plus = address.indexOf('+');
  const local = address.slice(0, plus >= 0 && plus < at ? plus : at);
  if (sharedMailboxNames.has(local)) return true;
  for (let i = 0; i < local.length; i++) {
    const c = local.charCodeAt(i);
    if (c === 46 || c === 45 || c === 95) {
      const head = local.slice(0, i);
      return head === 'post' || head === 'postmottak' || head === 'firmapost';
    }
  }
  return false;
};

const codecs = classifiedCodecs('EmailAddress', (u): u is EmailAddress => u instanceof EmailAddress, (raw) => EmailAddress.registered(raw));

/** Strict codec: refuses what is not an e-mail address. */
export const EmailAddressCodec = codecs.strict;

/** Lenient codec for contact data as registered: any text, classified (personal, shared or invalid). */
export const RegisteredEmailCodec = codecs.registered;
