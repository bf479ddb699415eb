import type { Instant, JobChoices, SignatureType, SignedDocumentIdentifier } from '@fagsign/domain';

/*
 * What a county chooses for every job it sends to Posten signering is the county's signing policy
 * (`requiredAuthentication`, `signatureType`, `identifierInSignedDocuments`, `activation`,
 * `signerGroups`), which reaches the adapter as each job's `choices`. This file maps them to
 * portal.xsd's values. `PostenJobSettings`, the adapter's own option from before, is still read
 * for a field the policy leaves to the service: the policy wins where it chooses.
 */

export const signatureTypes = ['ADVANCED_ELECTRONIC_SIGNATURE', 'AUTHENTICATED_ELECTRONIC_SIGNATURE'] as const;
export const identifiersInSignedDocuments = ['PERSONAL_IDENTIFICATION_NUMBER_AND_NAME', 'DATE_OF_BIRTH_AND_NAME', 'NAME'] as const;
export const authenticationLevels = [3, 4] as const;

/**
 * Job settings given to the adapter itself (`PostenProviderOptions.jobSettings`), as before they
 * were the county's policy. Kept for configurations that still set them; a field the county's
 * policy sets wins over the same field here.
 */
export interface PostenJobSettings {
  /** ID-porten level the signers must log in with (`required-authentication`): 3 or 4 (BankID etc.). The service's default otherwise. */
  readonly requiredAuthentication?: (typeof authenticationLevels)[number];
  /** `signature-type` for every signer. The service's default (advanced) otherwise. */
  readonly signatureType?: (typeof signatureTypes)[number];
  /** What identifies each signer in the signed PDF (`identifier-in-signed-documents`). A fødselsnummer in an archived contract is a county's choice to make. */
  readonly identifierInSignedDocuments?: (typeof identifiersInSignedDocuments)[number];
  /**
   * When the service should start notifying signers (`activation-time`), given the time the job
   * is sent: e.g. 08:00 the next morning for a job sent at night. `available-seconds` then counts
   * from it, so fagsign shortens it to keep the order's deadline. Undefined: at once.
   */
  readonly activateAt?: (sentAt: Instant) => Instant | undefined;
}

/** Refuses settings portal.xsd would refuse, naming the field and the rule; at start, not at the first job. */
export const checkJobSettings = (settings: PostenJobSettings): void => {
  const wrong = (field: string, allowed: readonly unknown[]) => new TypeError(`jobSettings.${field} must be one of ${allowed.join(', ')}`);
  if (settings.requiredAuthentication !== undefined && !authenticationLevels.includes(settings.requiredAuthentication)) throw wrong('requiredAuthentication', authenticationLevels);
  if (settings.signatureType !== undefined && !signatureTypes.includes(settings.signatureType)) throw wrong('signatureType', signatureTypes);
  if (settings.identifierInSignedDocuments !== undefined && !identifiersInSignedDocuments.includes(settings.identifierInSignedDocuments)) {
    throw wrong('identifierInSignedDocuments', identifiersInSignedDocuments);
  }
  if (settings.activateAt !== undefined && typeof settings.activateAt !== 'function') throw new TypeError('jobSettings.activateAt must be a function of the time the job is sent');
};

const postenSignatureType: Record<SignatureType, (typeof signatureTypes)[number]> = {
  advanced: 'ADVANCED_ELECTRONIC_SIGNATURE',
  authenticated: 'AUTHENTICATED_ELECTRONIC_SIGNATURE',
};
const postenIdentifier: Record<SignedDocumentIdentifier, (typeof identifiersInSignedDocuments)[number]> = {
  'personal-id-and-name': 'PERSONAL_IDENTIFICATION_NUMBER_AND_NAME',
  'date-of-birth-and-name': 'DATE_OF_BIRTH_AND_NAME',
  name: 'NAME',
};

/** The settings of one job in portal.xsd's values: the policy's choices, else the adapter's own settings, else nothing (the service's default). */
export interface ManifestSettings {
  readonly requiredAuthentication?: (typeof authenticationLevels)[number];
  readonly signatureType?: (typeof signatureTypes)[number];
  readonly identifierInSignedDocuments?: (typeof identifiersInSignedDocuments)[number];
  readonly activationTime?: Instant;
}

/**
 * One job's settings: each field from the job's `choices` (the county's policy) where the policy
 * makes the choice, else from the adapter's `jobSettings`. A value the policy's rules would refuse
 * is refused here too (`TypeError` naming the field), so nothing outside portal.xsd is sent.
 */
export const manifestSettings = (choices: JobChoices | undefined, own: PostenJobSettings, sentAt: Instant | undefined): ManifestSettings => {
  const from = <K extends string, V>(field: string, value: K | undefined, table: Record<K, V>): V | undefined => {
    if (value === undefined) return undefined;
    if (!Object.prototype.hasOwnProperty.call(table, value)) throw new TypeError(`choices.${field} must be one of ${Object.keys(table).join(', ')}`);
    return table[value];
  };
  const requiredAuthentication = choices?.requiredAuthentication ?? own.requiredAuthentication;
  if (requiredAuthentication !== undefined && !authenticationLevels.includes(requiredAuthentication)) throw new TypeError(`choices.requiredAuthentication must be one of ${authenticationLevels.join(', ')}`);
  const signatureType = from('signatureType', choices?.signatureType, postenSignatureType) ?? own.signatureType;
  const identifierInSignedDocuments = from('identifierInSignedDocuments', choices?.identifierInSignedDocuments, postenIdentifier) ?? own.identifierInSignedDocuments;
  const activationTime = choices?.activationTime !== undefined ? (choices.activationTime ?? undefined) : sentAt === undefined ? undefined : own.activateAt?.(sentAt);
  return {
    ...(requiredAuthentication === undefined ? {} : { requiredAuthentication }),
    ...(signatureType === undefined ? {} : { signatureType }),
    ...(identifierInSignedDocuments === undefined ? {} : { identifierInSignedDocuments }),
    ...(activationTime === undefined ? {} : { activationTime }),
  };
};
