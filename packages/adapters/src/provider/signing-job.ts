import {
  checkPolicy,
  isApprenticeRole,
  jobChoicesFor,
  uploadOf,
  type ContractDetails,
  type ContractId,
  type ContractType,
  type EmailAddress,
  type Instant,
  type JobChoices,
  type MobileNumber,
  type NotificationChannel,
  type OrderId,
  type OrderState,
  type PartyRole,
  type PersonalId,
  type SigningPolicy,
} from '@fagsign/domain';
import { InvalidSigningJob } from './errors/invalid-signing-job.js';
import { personalDataIn } from './personal-data-guard.js';
import { signingJobProblems } from './signing-job-rules.js';

/**
 * One signer of a job, with the contact data the service needs. Personal values stay
 * `PersonalValue`s (redacted in logs) until an adapter reveals them into the request it sends.
 */
export interface JobSigner {
  readonly role: PartyRole;
  readonly channel: NotificationChannel;
  /** Signers in group 1 sign first; group 2 only after everyone in group 1 has signed. */
  readonly group: number;
  readonly name: string;
  readonly personalId: PersonalId | undefined;
  readonly mobile: MobileNumber | undefined;
  readonly email: EmailAddress | undefined;
  /** `self`: signs as a person (the apprentice). `other`: signs for an organisation (the leaders). */
  readonly onBehalfOf: 'self' | 'other';
}

export interface SigningDocument {
  readonly fileName: string;
  readonly mimeType: 'application/pdf';
  readonly title: string;
  readonly bytes: Uint8Array;
}

/** Everything a signing service needs to open a job for one order; built by `signingJobFor`. */
export interface SigningJobRequest {
  readonly orderId: OrderId;
  readonly contractId: ContractId;
  readonly attempt: number;
  /**
   * Which upload of this order this is: 1, then one more each time a person found that an uncertain
   * upload made no job. A provider that journals uploads sends again only for a higher number.
   */
  readonly upload?: number;
  /** Shown to signers after they log in; may name the company. At most 80 characters. */
  readonly title: string;
  /** Shown in notifications and before login: never a name, fødselsnummer, phone or e-mail. */
  readonly nonSensitiveTitle: string;
  readonly description: string | undefined;
  readonly document: SigningDocument;
  readonly signers: readonly JobSigner[];
  /** From the moment of sending to the order's deadline (Posten's `available-seconds`). */
  readonly availableSeconds: number;
  readonly deadline: Instant;
  /**
   * What the county's policy asks of the service for this job (log-in level, signature type,
   * identifier in the signed document, activation time); left out, or a field left out, is the
   * service's default, or a provider's own setting for it.
   */
  readonly choices?: JobChoices;
}

export interface SigningJobOptions {
  /** When the job is sent: a retry the next day gets the time left, not a fresh period. */
  readonly now: Instant;
  /** The contract as a PDF, from the county's own document system. */
  readonly document: { readonly bytes: Uint8Array; readonly fileName?: string; readonly title?: string };
  readonly title?: string;
  readonly description?: string;
  /** The county's policy, for its choices per job (`jobChoicesFor`); checked first: a broken one throws `InvalidPolicy`. */
  readonly policy?: SigningPolicy;
}

const typeLabels: Record<ContractType, string> = { laerekontrakt: 'Lærekontrakt', opplaeringskontrakt: 'Opplæringskontrakt' };

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * The non-sensitive title: contract type and contract id ("Lærekontrakt LK-2026-000123"). A contract
 * id never holds a fødselsnummer, but a county's own ids might look like a phone number; then the
 * title is the contract type alone.
 */
const nonSensitiveTitleFor = (contract: ContractDetails, signers: readonly JobSigner[]): string => {
  const label = typeLabels[contract.contractType];
  const withId = `${label} ${contract.contractId}`;
  const people = {
    names: signers.map((s) => s.name),
    personalIds: signers.map((s) => s.personalId),
    mobiles: signers.map((s) => s.mobile),
    emails: signers.map((s) => s.email),
  };
  return withId.length <= 80 && personalDataIn(withId, people).length === 0 ? withId : label;
};

/**
 * The signing job for an order, from the contract's current details. Throws `InvalidSigningJob`
 * when the job could not be sent as it is (deadline passed, a role without a party, too long a title).
 */
export const signingJobFor = (contract: ContractDetails, order: OrderState, options: SigningJobOptions): SigningJobRequest => {
  const missing = order.signers.filter((s) => contract.parties[s.role] === undefined);
  if (missing.length > 0) throw new InvalidSigningJob(missing.map((s) => `signer-unreachable:${s.role}` as const));
  const signers: JobSigner[] = order.signers.map((s) => {
    const party = contract.parties[s.role]!;
    return {
      role: s.role,
      channel: s.channel,
      group: s.group,
      name: party.name,
      personalId: party.personalId,
      mobile: party.mobile,
      email: party.email,
      onBehalfOf: isApprenticeRole(s.role) || s.role === 'foresatt' ? 'self' : 'other',
    };
  });
  const label = typeLabels[contract.contractType];
  const organisation = contract.company?.name ?? contract.office.name;
  const request: SigningJobRequest = {
    orderId: order.orderId,
    contractId: contract.contractId,
    attempt: order.attempt,
    upload: uploadOf(order),
    title: options.title ?? clip(`${label} ${contract.contractId} – ${organisation}`, 80),
    nonSensitiveTitle: nonSensitiveTitleFor(contract, signers),
    description: options.description,
    document: {
      fileName: options.document.fileName ?? `${contract.contractId}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_'),
      mimeType: 'application/pdf',
      title: options.document.title ?? label,
      bytes: options.document.bytes,
    },
    signers,
    availableSeconds: Math.floor((Date.parse(order.deadline) - Date.parse(options.now)) / 1000),
    deadline: order.deadline,
    ...(options.policy === undefined ? {} : { choices: jobChoicesFor(checkPolicy(options.policy), options.now, order.deadline) }),
  };
  const problems = signingJobProblems(request);
  if (problems.length > 0) throw new InvalidSigningJob(problems);
  return request;
};
