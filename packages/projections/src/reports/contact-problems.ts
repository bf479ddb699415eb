import type { PartyRole } from '@fagsign/domain';
import type { ContractSummary } from '../contracts/summary.js';
import { both, roleOf, theRole, type Words } from './words.js';

/**
 * Contact-data problems read from a contract's stored flags, named like the pre-flight check's
 * codes but split by role, so an office sees what to fix in VigoBedrift. They follow the
 * pre-flight rules that hold under every county policy (the apprentice by SMS, faglig and daglig
 * leder by personal e-mail); the office's and the county's own signers depend on the county's
 * policy and are left to the pre-flight check itself.
 */
export const contactProblemCodes = [
  'apprentice-missing',
  'mobile-missing',
  'mobile-invalid',
  'mobile-unallocated',
  'mobile-foreign',
  'personal-id-missing',
  'faglig-leder-missing',
  'faglig-leder-email-missing',
  'faglig-leder-email-invalid',
  'faglig-leder-email-shared',
  'daglig-leder-missing',
  'daglig-leder-email-missing',
  'daglig-leder-email-invalid',
  'daglig-leder-email-shared',
  'contact-shared',
] as const;
export type ContactProblemCode = (typeof contactProblemCodes)[number];

/** Problems the pre-flight check lets through with a warning; every other one blocks an order. */
const warnings: ReadonlySet<ContactProblemCode> = new Set(['mobile-foreign', 'personal-id-missing']);
export const isBlocking = (code: ContactProblemCode): boolean => !warnings.has(code);

export const apprenticeRoleOf = (contract: ContractSummary): PartyRole =>
  contract.contractType === 'laerekontrakt' ? 'laerling' : 'kandidat';

export const contactProblems = (contract: ContractSummary): ContactProblemCode[] => {
  const problems: ContactProblemCode[] = [];
  const apprentice = contract.contacts[apprenticeRoleOf(contract)];
  if (apprentice === undefined) problems.push('apprentice-missing');
  else {
    if (apprentice.mobile !== 'norwegian') problems.push(`mobile-${apprentice.mobile}`);
    if (!apprentice.personalId) problems.push('personal-id-missing');
  }
  for (const role of ['faglig-leder', 'daglig-leder'] as const) {
    const leader = contract.contacts[role];
    if (leader === undefined) problems.push(`${role}-missing`);
    else if (leader.email !== 'personal') problems.push(`${role}-email-${leader.email}`);
  }
  if (contract.shared !== null) problems.push('contact-shared');
  return problems;
};

/**
 * What would stop the contract's next order: blocking contact problems, and a missing start date
 * (it is in the signed document). A start date that has passed is only a warning in the pre-flight
 * check (contracts are often signed after the apprentice has started), so it blocks nothing here.
 */
export const blockingProblems = (contract: ContractSummary): Words[] => {
  const out = contactProblems(contract).filter(isBlocking).map((code) => describeProblem(contract, code));
  if (contract.startDate === null) out.push(both('oppstartsdatoen mangler', 'the start date is missing'));
  return out;
};

export const describeProblem = (contract: ContractSummary, code: ContactProblemCode): Words => {
  const apprentice = apprenticeRoleOf(contract);
  switch (code) {
    case 'apprentice-missing':
      return { nb: `${theRole(apprentice).nb} mangler i kontrakten`, en: `${theRole(apprentice).en} is missing from the contract` };
    case 'mobile-missing':
      return { nb: `${roleOf(apprentice).nb} mobilnummer mangler`, en: `${roleOf(apprentice).en} mobile number is missing` };
    case 'mobile-invalid':
      return { nb: `${roleOf(apprentice).nb} mobilnummer er ugyldig`, en: `${roleOf(apprentice).en} mobile number is invalid` };
    case 'mobile-unallocated':
      return { nb: `${roleOf(apprentice).nb} mobilnummer finnes ikke`, en: `${roleOf(apprentice).en} mobile number does not exist` };
    case 'mobile-foreign':
      return { nb: `${roleOf(apprentice).nb} mobilnummer er utenlandsk`, en: `${roleOf(apprentice).en} mobile number is foreign` };
    case 'personal-id-missing':
      return { nb: `${roleOf(apprentice).nb} fødselsnummer mangler`, en: `${roleOf(apprentice).en} national identity number is missing` };
    case 'contact-shared':
      return both('to parter har samme mobilnummer eller e-postadresse', 'two parties share a mobile number or e-mail address');
  }
  const role: PartyRole = code.startsWith('faglig') ? 'faglig-leder' : 'daglig-leder';
  if (code.endsWith('-missing') && !code.includes('email')) return { nb: `${theRole(role).nb} er ikke registrert`, en: `no ${theRole(role).en.slice(4)} is registered` };
  if (code.endsWith('email-missing')) return { nb: `${roleOf(role).nb} e-postadresse mangler`, en: `${roleOf(role).en} e-mail address is missing` };
  if (code.endsWith('email-invalid')) return { nb: `${roleOf(role).nb} e-postadresse er ugyldig`, en: `${roleOf(role).en} e-mail address is invalid` };
  return { nb: `${roleOf(role).nb} e-postadresse er en fellespostkasse`, en: `${roleOf(role).en} e-mail address is a shared mailbox` };
};
