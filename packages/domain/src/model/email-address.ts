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

// Most addresses are plain ASCII; the Unicode pattern (for domains such as blåbær.no) is slower.
const asciiSyntax = /^[a-z0-9._%+'-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
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
    if (!(asciiSyntax.test(s) || syntax.test(s)) || s.includes('..') || s.startsWith('.') || s.includes('.@')) {
      return new EmailAddress(s, 'invalid', 'must be an e-mail address such as name@company.no');
    }
    return new EmailAddress(s, isSharedMailbox(s) ? 'shared' : 'personal', undefined);
  }
}

const isSharedMailbox = (address: string): boolean => {
  const local = address.slice(0, address.indexOf('@')).split('+')[0]!;
  if (sharedMailboxNames.has(local)) return true;
  // post.oslo@, post-bergen@, postmottak.skien@: a department's shared box
  const head = local.split(/[.\-_]/)[0]!;
  return head !== local && (head === 'post' || head === 'postmottak' || head === 'firmapost');
};

const codecs = classifiedCodecs('EmailAddress', (u): u is EmailAddress => u instanceof EmailAddress, (raw) => EmailAddress.registered(raw));

/** Strict codec: refuses what is not an e-mail address. */
export const EmailAddressCodec = codecs.strict;

/** Lenient codec for contact data as registered: any text, classified (personal, shared or invalid). */
export const RegisteredEmailCodec = codecs.registered;
