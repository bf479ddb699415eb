import type { Instant } from '@fagsign/domain';

/*
 * What a county chooses for every job it sends to Posten signering, beyond what the domain's
 * signing policy already decides (who signs, in which group: `countySignsLast` etc. become the
 * signers' `order`). Values are the ones portal.xsd allows; the manifest tests validate them.
 */

export const signatureTypes = ['ADVANCED_ELECTRONIC_SIGNATURE', 'AUTHENTICATED_ELECTRONIC_SIGNATURE'] as const;
export const identifiersInSignedDocuments = ['PERSONAL_IDENTIFICATION_NUMBER_AND_NAME', 'DATE_OF_BIRTH_AND_NAME', 'NAME'] as const;
export const authenticationLevels = [3, 4] as const;

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
