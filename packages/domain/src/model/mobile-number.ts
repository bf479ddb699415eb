import { classifiedCodecs, erasedFormOf, PersonalValue } from './personal-value.js';

/**
 * - `norwegian`: 8 digits starting with 4 or 9, stored as +47XXXXXXXX.
 * - `foreign`: an international number; deliverability unknown, not invalid.
 * - `invalid`: what was registered, kept so the pre-flight check can say what is wrong with it.
 */
export type MobileKind = 'norwegian' | 'foreign' | 'invalid';

const storedNorwegian = /^\+47[49]\d{7}$/;

export class MobileNumber extends PersonalValue {
  readonly label = 'mobile';
  private constructor(
    value: string,
    readonly kind: MobileKind,
    /** Why an `invalid` number is invalid; undefined otherwise. */
    readonly problem: string | undefined,
  ) {
    super(value);
  }

  /** Strict: a Norwegian or foreign number, or the rule the input broke. */
  static parse(raw: string): MobileNumber | { rule: string } {
    const number = MobileNumber.registered(raw);
    return number.kind === 'invalid' ? { rule: number.problem! } : number;
  }

  /** Lenient, for data as registered in Vigo: never refuses, classifies instead. */
  static registered(raw: string): MobileNumber {
    // the stored form, on every decode of a stored event
    if (storedNorwegian.test(raw)) return new MobileNumber(raw, 'norwegian', undefined);
    const erased = erasedFormOf(raw);
    if (erased !== undefined) {
      const kind: MobileKind = erased.kind === 'norwegian' || erased.kind === 'foreign' ? erased.kind : 'invalid';
      return new MobileNumber(raw, kind, kind === 'invalid' ? 'was erased' : undefined);
    }
    const compact = raw.replace(/[\s\-().]/g, '');
    let international: string | undefined;
    if (compact.startsWith('+')) international = compact.slice(1);
    else if (compact.startsWith('00')) international = compact.slice(2);
    else if (/^47\d{8}$/.test(compact)) international = compact; // 10 digits: an 8-digit number may itself start with 47

    if (international === undefined) return MobileNumber.norwegian(compact, raw);
    if (!/^\d+$/.test(international)) return MobileNumber.invalid(raw, 'must contain only digits after the country code');
    if (international.startsWith('47')) return MobileNumber.norwegian(international.slice(2), raw);
    if (international.length < 7 || international.length > 15) {
      return MobileNumber.invalid(raw, 'an international number must have 7 to 15 digits with its country code');
    }
    if (international.startsWith('0')) return MobileNumber.invalid(raw, 'a country code cannot start with 0');
    return new MobileNumber(`+${international}`, 'foreign', undefined);
  }

  private static norwegian(digits: string, raw: string): MobileNumber {
    if (!/^\d+$/.test(digits)) return MobileNumber.invalid(raw, 'must contain only digits, optionally after +47 or 0047');
    if (digits.length !== 8) return MobileNumber.invalid(raw, 'a Norwegian mobile number must have 8 digits');
    if (digits[0] !== '4' && digits[0] !== '9') {
      return MobileNumber.invalid(raw, 'a Norwegian mobile number must start with 4 or 9');
    }
    return new MobileNumber(`+47${digits}`, 'norwegian', undefined);
  }

  private static invalid(raw: string, problem: string): MobileNumber {
    return new MobileNumber(raw.trim(), 'invalid', problem);
  }
}

const codecs = classifiedCodecs('MobileNumber', (u): u is MobileNumber => u instanceof MobileNumber, (raw) => MobileNumber.registered(raw));

/** Strict codec: refuses numbers that are neither Norwegian mobiles nor international numbers. */
export const MobileNumberCodec = codecs.strict;

/** Lenient codec for contact data as registered: any text, classified. */
export const RegisteredMobileCodec = codecs.registered;
