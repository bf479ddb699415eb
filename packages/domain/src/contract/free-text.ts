import { boundedText } from '../model/text-rule.js';

/*
 * The free-text fields of events and commands, each under the one text rule (model/text-rule.ts)
 * with its own length limit. Only a person's reason may hold line breaks.
 */

/** Why a person sent despite a blocking pre-flight problem, as they typed it. */
export const OverrideReasonCodec = boundedText('OverrideReason', { maxLength: 1000, whitespaceControls: true });
/** Who decided (a staff user's name or id). */
export const DecidedByCodec = boundedText('DecidedBy', { maxLength: 200 });
/** The signing service's id of a job. */
export const ProviderJobIdCodec = boundedText('ProviderJobId', { maxLength: 200 });
/** A short error or status code (`http-503`, `timeout`, a signer status); never the service's free text. */
export const ShortCodeCodec = boundedText('ShortCode', { maxLength: 100 });
/** Where the signing service keeps the signed document (a link). */
export const DocumentLinkCodec = boundedText('DocumentLink', { maxLength: 2000 });
/** The archive's reference to the stored document. */
export const ArchiveReferenceCodec = boundedText('ArchiveReference', { maxLength: 500 });
