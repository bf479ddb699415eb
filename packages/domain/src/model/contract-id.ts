import * as t from 'io-ts';
import { stringCodec } from './codec-kit.js';

declare const contractIdBrand: unique symbol;
/** The county's id for a contract. It names the event stream, so it must never hold personal data. */
export type ContractId = string & { readonly [contractIdBrand]: true };

const shape = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const elevenDigits = /\d{11}/;
const fine = /^(?!.*\d{11})[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export const parseContractId = (s: string): ContractId | { rule: string } => {
  if (fine.test(s)) return s as ContractId;
  if (!shape.test(s)) {
    return { rule: 'must be 1–64 letters (a–z), digits, ".", "_", ":" or "-", starting with a letter or digit' };
  }
  if (elevenDigits.test(s)) {
    return { rule: 'must not contain 11 digits in a row (a contract id must never carry a fødselsnummer)' };
  }
  return s as ContractId;
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

const orderIdShape = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}\/\d{1,4}$/;

export const orderIdFor = (contractId: ContractId, attempt: number): OrderId => `${contractId}/${attempt}` as OrderId;

export const OrderIdCodec: t.Type<OrderId, string, unknown> = stringCodec(
  'OrderId',
  (u): u is OrderId => typeof u === 'string' && orderIdShape.test(u),
  (s) => (orderIdShape.test(s) ? (s as OrderId) : { rule: 'must be a contract id, "/" and the attempt number' }),
  (id) => id,
  { maxLength: 128 },
);
