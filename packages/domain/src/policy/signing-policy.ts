import type { County } from '../model/county.js';
import { DomainError } from '../contract/errors.js';
import { partyRoles, type PartyRole } from '../model/party-role.js';
import { activations, authenticationLevels, signatureTypes, signedDocumentIdentifiers, type Activation, type AuthenticationLevel, type SignatureType, type SignedDocumentIdentifier } from './job-choices.js';

/**
 * How a county runs its signing orders. Every county starts from `defaultPolicy` and changes what
 * it wants; `pilotPolicy` is how the Telemark and Østfold pilot began.
 */
export interface SigningPolicy {
  /** Days an order stays open at the signing service (1–90). The pilot began with 7; 14 helped a lot. */
  readonly validityDays: number;
  /** Remind pending signers this many days before the deadline; null for no reminder. */
  readonly reminderDaysBeforeDeadline: number | null;
  /** No SMS or e-mail from us between these hours, Oslo time (a reminder due then waits until `quietHours.to`). */
  readonly quietHours: { readonly from: number; readonly to: number };
  /** Retries after a transient error at the signing service, each on the next working day at `retryHour`. */
  readonly providerRetries: number;
  readonly retryHour: number;
  /** Whether the county signs each contract, after everyone else. */
  readonly countySignsLast: boolean;
  /** Whether a guardian (foresatt) must sign when the apprentice is under 18. */
  readonly guardianSignsForMinors: boolean;
  /** Whether the training office (opplæringskontor) signs, where the contract has one. */
  readonly officeSigns: boolean;
  /**
   * Issue a new order by itself after a correctable failure once the contact data has been corrected,
   * up to `maxOrders` orders in all; after that, suggest the manual contract.
   */
  readonly autoReissue: { readonly enabled: boolean; readonly maxOrders: number };
  /**
   * How long our clock waits after the deadline of an order out at the signing service before it
   * expires the order itself: the service's own EXPIRED, or a signature made just before the
   * deadline, may still be on its way through the status queue.
   */
  readonly expiryGraceMinutes: number;
  /** Minutes between attempts to archive the signed document and to report to Vigo; then a person takes over. */
  readonly followUpRetryMinutes: readonly number[];
  /**
   * Signing groups by role (1–8): a group gets the document only when every lower group has
   * signed; roles left out sign in group 1. The county, where it signs last, signs in the group
   * after the highest. E.g. `{ 'daglig-leder': 2 }`: the leader signs after the apprentice.
   */
  readonly signerGroups: Readonly<Partial<Record<Exclude<PartyRole, 'fylkeskommune'>, number>>>;
  /** The ID-porten level every signer must log in with (3, or 4: BankID and the like); null leaves it to the signing service. */
  readonly requiredAuthentication: AuthenticationLevel | null;
  /** `advanced` or `authenticated` electronic signature; null leaves it to the signing service (advanced at Posten). */
  readonly signatureType: SignatureType | null;
  /** What identifies each signer in the signed, archived document; null leaves it to the signing service. A fødselsnummer in an archived contract is the county's choice to make. */
  readonly identifierInSignedDocuments: SignedDocumentIdentifier | null;
  /** `after-quiet-hours`: a job sent during `quietHours` notifies its signers only when they end (the order's deadline is kept). */
  readonly activation: Activation;
}

export const defaultPolicy: SigningPolicy = {
  validityDays: 14,
  reminderDaysBeforeDeadline: 1,
  quietHours: { from: 22, to: 8 },
  providerRetries: 3,
  retryHour: 8,
  countySignsLast: false,
  guardianSignsForMinors: false,
  officeSigns: true,
  autoReissue: { enabled: false, maxOrders: 3 },
  expiryGraceMinutes: 30,
  followUpRetryMinutes: [15, 60, 240, 3600],
  signerGroups: {},
  requiredAuthentication: null,
  signatureType: null,
  identifierInSignedDocuments: null,
  activation: 'at-once',
};

/** The pilot as it ran: 7-day orders, no reminder of our own, no automatic retry. */
export const pilotPolicy: SigningPolicy = {
  ...defaultPolicy,
  validityDays: 7,
  reminderDaysBeforeDeadline: null,
  providerRetries: 0,
};

/** Policies per county; counties not listed get the fallback. */
export type PolicyBook = (county: County) => SigningPolicy;

export const policyBook =
  (perCounty: Partial<Record<County, Partial<SigningPolicy>>>, fallback: SigningPolicy = defaultPolicy): PolicyBook =>
  (county) => {
    const own = perCounty[county];
    return own === undefined ? fallback : { ...fallback, ...own };
  };

export const resolvePolicy = (policy: SigningPolicy | PolicyBook | undefined, county: County): SigningPolicy =>
  policy === undefined ? defaultPolicy : typeof policy === 'function' ? policy(county) : policy;

/** The roles a policy may put in a signing group of their own: all but the county, which signs last. */
export const groupedRoles = partyRoles.filter((role): role is Exclude<PartyRole, 'fylkeskommune'> => role !== 'fylkeskommune');

/** The rules a policy must keep, as field + rule pairs; empty when the policy is sound. */
export const policyViolations = (policy: SigningPolicy): { path: string; rule: string }[] => {
  const out: { path: string; rule: string }[] = [];
  const wholeIn = (path: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) out.push({ path, rule: `must be a whole number from ${min} to ${max}` });
  };
  wholeIn('validityDays', policy.validityDays, 1, 90);
  if (policy.reminderDaysBeforeDeadline !== null) {
    wholeIn('reminderDaysBeforeDeadline', policy.reminderDaysBeforeDeadline, 1, 89);
  }
  wholeIn('quietHours.from', policy.quietHours.from, 0, 23);
  wholeIn('quietHours.to', policy.quietHours.to, 0, 23);
  wholeIn('providerRetries', policy.providerRetries, 0, 10);
  wholeIn('retryHour', policy.retryHour, 0, 23);
  wholeIn('autoReissue.maxOrders', policy.autoReissue.maxOrders, 1, 20);
  wholeIn('expiryGraceMinutes', policy.expiryGraceMinutes, 0, 24 * 60);
  policy.followUpRetryMinutes.forEach((m, i) => wholeIn(`followUpRetryMinutes[${i}]`, m, 1, 100_000));
  const oneOf = (path: string, value: unknown, allowed: readonly unknown[], orNull: boolean) => {
    if (!allowed.includes(value) && !(orNull && value === null)) {
      out.push({ path, rule: `must be ${allowed.map((a) => JSON.stringify(a)).join(', ')}${orNull ? ", or null for the signing service's default" : ''}` });
    }
  };
  oneOf('requiredAuthentication', policy.requiredAuthentication, authenticationLevels, true);
  oneOf('signatureType', policy.signatureType, signatureTypes, true);
  oneOf('identifierInSignedDocuments', policy.identifierInSignedDocuments, signedDocumentIdentifiers, true);
  oneOf('activation', policy.activation, activations, false);
  if (typeof policy.signerGroups !== 'object' || policy.signerGroups === null || Array.isArray(policy.signerGroups)) {
    out.push({ path: 'signerGroups', rule: 'must be an object of role: group' });
  } else {
    for (const [role, group] of Object.entries(policy.signerGroups)) {
      if (!groupedRoles.includes(role as never)) out.push({ path: `signerGroups.${role}`, rule: `must be one of the roles ${groupedRoles.join(', ')} (the county, when it signs, signs last)` });
      else wholeIn(`signerGroups.${role}`, group as number, 1, 8);
    }
  }
  return out;
};

/** A policy that breaks its rules, with every field and rule it breaks (`policyViolations`). */
export class InvalidPolicy extends DomainError {
  readonly code = 'invalid-policy';
  constructor(readonly violations: readonly { readonly path: string; readonly rule: string }[]) {
    super(`Invalid signing policy: ${violations.map((v) => `${v.path} ${v.rule}`).join('; ')}`);
  }
}

/** The policy itself when it keeps its rules; otherwise throws `InvalidPolicy` naming each field and rule. */
export const checkPolicy = (policy: SigningPolicy): SigningPolicy => {
  const violations = policyViolations(policy);
  if (violations.length > 0) throw new InvalidPolicy(violations);
  return policy;
};
