import type { ContractType } from '../model/contract-type.js';
import type { ApprenticeRole, PartyRole } from '../model/party-role.js';
import { channelFor } from '../model/party-role.js';
import type { Party } from '../model/party.js';
import type { LocalDate } from '../model/time.js';
import type { ContractDetails } from '../contract/state.js';
import type { Signer } from '../contract/events.js';
import type { SigningPolicy } from './signing-policy.js';

export const apprenticeRoleFor = (type: ContractType): ApprenticeRole => (type === 'laerekontrakt' ? 'laerling' : 'kandidat');

/** Under 18 on the given date, judged by the date of birth in the fødselsnummer; unknown counts as adult. */
export const isMinorOn = (party: Party, date: LocalDate): boolean => {
  const born = party.personalId?.birthDate;
  if (born === undefined) return false;
  const eighteenth = `${Number(born.slice(0, 4)) + 18}${born.slice(4)}`;
  return eighteenth > date;
};

/**
 * Who signs an order, in which group: the policy's `signerGroups` (group 1 for a role it leaves
 * out); where the county signs last it signs in the group after the highest of the others. A guardian signs only where the policy asks and the
 * apprentice is a minor. At most 10 signers fit a job at the signing service; this never needs more than 6.
 */
export const signersFor = (contract: ContractDetails, policy: SigningPolicy, today: LocalDate): Signer[] => {
  const apprenticeRole = apprenticeRoleFor(contract.contractType);
  const roles: PartyRole[] = [apprenticeRole, 'faglig-leder', 'daglig-leder'];
  if (policy.officeSigns) roles.push('opplaeringskontor');
  const apprentice = contract.parties[apprenticeRole];
  if (policy.guardianSignsForMinors && apprentice !== undefined && isMinorOn(apprentice, today)) roles.push('foresatt');
  const signers: Signer[] = roles
    .filter((role) => contract.parties[role] !== undefined)
    .map((role) => ({ role, channel: channelFor(role), group: policy.signerGroups[role as keyof SigningPolicy['signerGroups']] ?? 1 }));
  if (policy.countySignsLast && contract.parties.fylkeskommune !== undefined) {
    signers.push({ role: 'fylkeskommune', channel: 'email', group: Math.max(1, ...signers.map((s) => s.group)) + 1 });
  }
  return signers;
};

/**
 * Whether the signing service has invited a signer yet. Posten activates a signer's document only
 * when every signer of a lower `order` (our `group`) has signed; signers of one group get it at the
 * same time (portal.xsd, `portal-signer/@order`). A signer not yet invited cannot see the document,
 * so nobody may remind them of it.
 */
export const isInvited = (signers: readonly { readonly group: number; readonly status: string }[], signer: { readonly group: number }): boolean =>
  signers.every((other) => other.group >= signer.group || other.status === 'signed');
