import type { ContactChanges, Party, PartyRole } from '@fagsign/domain';
import type { ContactFlags, ContractSummary } from './summary.js';

/*
 * There are only 40 combinations of flags, so each is one shared, frozen object, found by index:
 * registering a contract allocates no flags, and a correction swaps in another combination.
 */
const mobileKinds: readonly ContactFlags['mobile'][] = ['missing', 'norwegian', 'foreign', 'unallocated', 'invalid'];
const emailKinds: readonly ContactFlags['email'][] = ['missing', 'personal', 'shared', 'invalid'];
const interned: readonly ContactFlags[] = mobileKinds.flatMap((mobile) =>
  emailKinds.flatMap((email) => [false, true].map((personalId) => Object.freeze({ mobile, email, personalId }))),
);
/** The one shared object for a combination of flags; undefined for a kind this code does not know. */
export const contactFlags = (mobile: ContactFlags['mobile'], email: ContactFlags['email'], personalId: boolean): ContactFlags =>
  interned[flagsIndex({ mobile, email, personalId })]!;

/** Every combination, in a fixed order: `internedFlags[flagsIndex(f)]` is the shared object equal to `f`. */
export const internedFlags: readonly ContactFlags[] = interned;

/** Where a combination stands in `internedFlags` (any object with these flags, shared or not); -1 or out of range for an unknown kind. */
export const flagsIndex = (flags: ContactFlags): number => {
  const mobile = mobileKinds.indexOf(flags.mobile);
  const email = emailKinds.indexOf(flags.email);
  return mobile < 0 || email < 0 ? -1 : mobile * 8 + email * 2 + (flags.personalId ? 1 : 0);
};

/** The kind of each contact field, read once when the data arrives; the values themselves are dropped. */
export const flagsOf = (party: Pick<Party, 'mobile' | 'email' | 'personalId'>): ContactFlags =>
  contactFlags(party.mobile === undefined ? 'missing' : party.mobile.kind, party.email === undefined ? 'missing' : party.email.kind, party.personalId !== undefined);

/**
 * Pairs of parties that share a mobile number or an e-mail address, compared with
 * `PersonalValue.equals` by the same rule as the pre-flight check (a value with a problem shares nothing).
 * Only the pair's roles are kept, as `mobile:laerling+foresatt`.
 */
export const sharedPairs = (parties: readonly Party[]): string[] | null => {
  let pairs: string[] | null = null;
  for (let i = 0; i < parties.length; i++) {
    const a = parties[i]!;
    for (let j = i + 1; j < parties.length; j++) {
      const b = parties[j]!;
      if (a.mobile !== undefined && a.mobile.problem === undefined && a.mobile.equals(b.mobile)) {
        (pairs ??= []).push(`mobile:${a.role}+${b.role}`);
      }
      if (a.email !== undefined && a.email.kind !== 'invalid' && a.email.equals(b.email)) {
        (pairs ??= []).push(`email:${a.role}+${b.role}`);
      }
    }
  }
  return pairs;
};

/**
 * A correction changes one party's fields. The other parties' values are not kept (they are
 * personal data), so whether the new value equals another party's cannot be known here: a pair
 * that involved the corrected field is dropped, on the reasonable assumption that the clerk
 * corrected it to tell the two apart. The pre-flight check, which sees the values, still has the
 * last word before any order is sent.
 */
export const applyCorrection = (contract: ContractSummary, role: PartyRole, changes: ContactChanges): void => {
  const existing = contract.contacts[role];
  if (existing === undefined && changes.name === undefined) return; // evolve ignores such a correction too
  contract.contacts[role] = contactFlags(
    changes.mobile?.kind ?? existing?.mobile ?? 'missing',
    changes.email?.kind ?? existing?.email ?? 'missing',
    changes.personalId !== undefined || existing?.personalId === true,
  );

  if (contract.shared !== null) {
    const kept = contract.shared.filter((pair) => !involves(pair, role, changes));
    contract.shared = kept.length === 0 ? null : kept;
  }
};

const involves = (pair: string, role: PartyRole, changes: ContactChanges): boolean => {
  const colon = pair.indexOf(':');
  const field = pair.slice(0, colon);
  const changed = field === 'mobile' ? changes.mobile !== undefined : changes.email !== undefined;
  return changed && pair.slice(colon + 1).split('+').includes(role);
};
