import { parsePhoneNumberFromString, validatePhoneNumberLength, type NumberType } from 'libphonenumber-js/max';
import { classifiedCodecs, erasedFormOf, PersonalValue } from './personal-value.js';

/**
 * Judged by the numbering plans in libphonenumber-js (`max` metadata), not by hand-written ranges:
 * - `norwegian`: a Norwegian mobile number (+47), stored as +47XXXXXXXX.
 * - `foreign`: another country's mobile number, stored in E.164 form; deliverability unknown.
 * - `unallocated`: a number in a range no operator has been given: nobody can receive it.
 * - `invalid`: not a phone number, or a number that cannot take an SMS (fixed line, voicemail, …).
 * An `unallocated` or `invalid` number keeps what was registered, so the pre-flight check can say
 * what is wrong with it.
 */
export type MobileKind = 'norwegian' | 'foreign' | 'unallocated' | 'invalid';

/** What is wrong with a number, in both languages the pre-flight check speaks. */
export interface MobileProblem {
  readonly en: string;
  readonly nb: string;
}

/** Types that can receive an SMS; a country without separate ranges reports FIXED_LINE_OR_MOBILE. */
const smsTypes: ReadonlySet<NumberType> = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

const notAMobile = (type: NumberType): MobileProblem => {
  const [en, nb] =
    type === 'FIXED_LINE' ? ['a fixed-line number', 'et fasttelefonnummer']
    : type === 'VOICEMAIL' ? ['a voicemail number', 'et talepostnummer']
    : type === 'TOLL_FREE' ? ['a toll-free number', 'et grønt nummer']
    : ['a service number', 'et servicenummer'];
  return { en: `it is ${en}, not a mobile number`, nb: `det er ${nb}, ikke et mobilnummer` };
};

const problems = {
  notDigits: { en: 'it must contain only digits, optionally after +47 or 0047', nb: 'det kan bare ha sifre, eventuelt etter +47 eller 0047' },
  norwegianLength: { en: 'a Norwegian mobile number has 8 digits', nb: 'et norsk mobilnummer har 8 sifre' },
  noCountry: { en: 'no country has that calling code', nb: 'ingen land har den landskoden' },
  foreignLength: { en: 'it has the wrong number of digits for its country', nb: 'det har feil antall sifre for landet sitt' },
  unallocatedNorwegian: { en: 'it is in a range that no operator has been given', nb: 'det er i en nummerserie som ikke er tildelt noen operatør' },
  erased: { en: 'it was erased', nb: 'det er slettet' },
  unallocatedForeign: { en: "it is in a range that its country's numbering plan does not allocate", nb: 'det er i en nummerserie som landets nummerplan ikke har tildelt' },
} satisfies Record<string, MobileProblem>;

export class MobileNumber extends PersonalValue {
  readonly label = 'mobile';
  /** Why an `unallocated` or `invalid` number cannot be used, in English (the codec's rule); undefined otherwise. */
  readonly problem: string | undefined;
  private constructor(
    value: string,
    readonly kind: MobileKind,
    /** Why an `unallocated` or `invalid` number cannot be used, in both languages; undefined otherwise. */
    readonly why: MobileProblem | undefined,
  ) {
    super(value);
    this.problem = why === undefined ? undefined : kind === 'unallocated' ? `the number does not exist: ${why.en}` : why.en;
  }

  /** Strict: a Norwegian or foreign mobile number, or the rule the input broke. */
  static parse(raw: string): MobileNumber | { rule: string } {
    const number = MobileNumber.registered(raw);
    return number.problem === undefined ? number : { rule: number.problem };
  }

  /** Lenient, for data as registered in Vigo: never refuses, classifies instead. */
  static registered(raw: string): MobileNumber {
    const erased = erasedFormOf(raw);
    if (erased !== undefined) {
      // an erased number keeps its kind (statistics count it); what it was is gone
      const kind: MobileKind = erased.kind === 'norwegian' || erased.kind === 'foreign' || erased.kind === 'unallocated' ? erased.kind : 'invalid';
      return new MobileNumber(raw, kind, kind === 'norwegian' || kind === 'foreign' ? undefined : problems.erased);
    }
    // Every decode of a stored event judges its numbers again; the numbering plan costs ~10 µs a
    // number, the cache (of immutable values, keyed by the text) a lookup. It changes no answer.
    const known = judged.get(raw);
    if (known !== undefined) return known;
    const number = MobileNumber.judge(raw);
    if (judged.size >= cacheLimit) judged.clear();
    judged.set(raw, number);
    return number;
  }

  private static judge(raw: string): MobileNumber {
    const compact = raw.replace(/[\s\-().]/g, '');
    if (!/^\+?\d+$/.test(compact)) return MobileNumber.refused(raw, 'invalid', problems.notDigits);
    // Ten digits starting with 47 carry the country code (an 8-digit number may itself start with 47);
    // everything else is read as written in Norway: +CC or 00CC for another country, else Norwegian.
    const text = /^47\d{8}$/.test(compact) ? `+${compact}` : compact;
    const phone = parsePhoneNumberFromString(text, 'NO');
    if (phone === undefined || !phone.isPossible()) {
      const norwegian = phone?.countryCallingCode === '47' || !/^(\+|00)/.test(text) || /^(\+|00)47/.test(text);
      const noCountry = !norwegian && validatePhoneNumberLength(text, 'NO') === 'INVALID_COUNTRY';
      return MobileNumber.refused(raw, 'invalid', norwegian ? problems.norwegianLength : noCountry ? problems.noCountry : problems.foreignLength);
    }
    const norwegian = phone.countryCallingCode === '47';
    if (!phone.isValid()) return MobileNumber.refused(raw, 'unallocated', norwegian ? problems.unallocatedNorwegian : problems.unallocatedForeign);
    const type = phone.getType();
    // A valid number whose plan gives no type cannot be ruled out as a mobile: deliverability unknown, like any foreign one.
    if (type !== undefined && !smsTypes.has(type)) return MobileNumber.refused(raw, 'invalid', notAMobile(type));
    return new MobileNumber(phone.number, norwegian ? 'norwegian' : 'foreign', undefined);
  }

  private static refused(raw: string, kind: 'unallocated' | 'invalid', why: MobileProblem): MobileNumber {
    return new MobileNumber(raw.trim(), kind, why);
  }
}

const cacheLimit = 50_000;
const judged = new Map<string, MobileNumber>();

const codecs = classifiedCodecs('MobileNumber', (u): u is MobileNumber => u instanceof MobileNumber, (raw) => MobileNumber.registered(raw));

/** Strict codec: refuses numbers that are not mobile numbers in a Norwegian or foreign numbering plan. */
export const MobileNumberCodec = codecs.strict;

/** Lenient codec for contact data as registered: any text, classified. */
export const RegisteredMobileCodec = codecs.registered;
