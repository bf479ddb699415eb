import * as t from 'io-ts';
import { stringCodec } from './codec-kit.js';
import { isDigitCode } from './digits.js';

declare const contractIdBrand: unique symbol;
/** The county's id for a contract. It names the event stream, so it must never hold personal data. */
export type ContractId = string & { readonly [contractIdBrand]: true };

/*
 * The id's rules, checked character by character (every stored event carries a contract id and most
 * an order id, and these are several times faster than the regular expressions they replace, which
 * the property tests keep as the oracle): a contract id is /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/
 * without 11 digits in a row; an order id is a contract id's shape, "/" and /\d{1,4}/.
 */
const isAlphanumeric = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isIdPunctuation = (c: number): boolean => c === 46 || c === 95 || c === 58 || c === 45; // . _ : -

/** What is wrong with s[0, end) as a contract id: 'shape', 'digits' (11 in a row) or undefined. */
const contractIdFault = (s: string, end: number): 'shape' | 'digits' | undefined => {
  if (end < 1 || end > 64) return 'shape';
  let run = 0;
  let elevenDigits = false;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isDigitCode(c)) {
      if (++run >= 11) elevenDigits = true;
      continue;
    }
    run = 0;
    if (!(isAlphanumeric(c) || (i > 0 && isIdPunctuation(c)))) return 'shape';
  }
  return elevenDigits ? 'digits' : undefined;
};

export const parseContractId = (s: string): ContractId | { rule: string } => {
  const fault = contractIdFault(s, s.length);
  if (fault === undefined) return s as ContractId;
  if (fault === 'shape') {
    return { rule: 'must be 1–64 letters (a–z), digits, ".", "_", ":" or "-", starting with a letter or digit' };
  }
  return { rule: 'must not contain 11 digits in a row (a contract id must never carry a fødselsnummer)' };
};

const isContractId = (u: unknown): u is ContractId => typeof u === 'string' && typeof parseContractId(u) === 'string';

export const ContractIdCodec: t.Type<ContractId, string, unknown> = stringCodec(
  'ContractId',
  isContractId,
  parseContractId,
  (id) => id,
  { maxLength: 128 },
);

/** One stream per contract, holding every order the contract ever needed. */
export const contractStreamName = (id: ContractId): string => `contract-${id}`;

declare const orderIdBrand: unique symbol;
/** A signing order's id: the contract id and the attempt number, so the decider needs no randomness. */
export type OrderId = string & { readonly [orderIdBrand]: true };

/** A contract id's shape (11 digits in a row allowed, as ever), "/" and 1–4 digits. */
const isOrderId = (s: string): boolean => {
  const slash = s.indexOf('/');
  if (slash < 0 || contractIdFault(s, slash) === 'shape') return false;
  const digits = s.length - slash - 1;
  if (digits < 1 || digits > 4) return false;
  for (let i = slash + 1; i < s.length; i++) if (!isDigitCode(s.charCodeAt(i))) return false;
  return true;
};

export const orderIdFor = (contractId: ContractId, attempt: number): OrderId => `${contractId}/${attempt}` as OrderId;

export const OrderIdCodec: t.Type<OrderId, string, unknown> = stringCodec(
  'OrderId',
  (u): u is OrderId => typeof u === 'string' && isOrderId(u),
  (s) => (isOrderId(s) ? (s as OrderId) : { rule: 'must be a contract id, "/" and the attempt number' }),
  (id) => id,
  { maxLength: 128 },
);
