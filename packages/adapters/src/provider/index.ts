// The SigningProvider port
export {
  type SigningProvider,
  type JobRef,
  type CreatedJob,
  type SignedDocumentRef,
  type SignerReport,
  type StatusChange,
  type StatusChangeBatch,
  type ConfirmationHandle,
  type JobStatus,
  type KnownSignerStatus,
  jobStatuses,
  signerStatuses,
  isKnownJobStatus,
  isKnownSignerStatus,
} from './signing-provider.js';
export { type SigningJobRequest, type JobSigner, type SigningDocument, type SigningJobOptions, signingJobFor } from './signing-job.js';
export { signingJobProblems, maxSigners, maxAvailableSeconds } from './signing-job-rules.js';
export { personalDataIn, type PersonalDataKind, type KnownPeople } from './personal-data-guard.js';
export { placeholderPdf } from './placeholder-pdf.js';
export {
  commandsForStatusChange,
  failureCauses,
  type ProviderCommand,
  type Unrecognised,
  type StatusChangeOutcome,
} from './status-commands.js';

// Typed provider errors
export { ProviderError, isProviderError, type ProviderErrorDetails } from './errors/provider-error.js';
export { ProviderUnavailable } from './errors/provider-unavailable.js';
export { ProviderTimeout } from './errors/provider-timeout.js';
export { TooManyRequests } from './errors/too-many-requests.js';
export { ProviderUnauthorised } from './errors/provider-unauthorised.js';
export { RequestRejected } from './errors/request-rejected.js';
export { JobAlreadyFinished } from './errors/job-already-finished.js';
export { UnknownJob } from './errors/unknown-job.js';
export { InvalidSigningJob, type SigningJobProblem } from './errors/invalid-signing-job.js';
export { JobCreationUncertain } from './errors/job-creation-uncertain.js';
export { recordProviderError, commandsForFailedCreation } from './errors/record-provider-error.js';

// The simulated signing service
export {
  createSimulatedProvider,
  outageOn,
  type SimulatedProviderOptions,
  type SimulatedSigningProvider,
  type SimulatedJobView,
  type Outage,
} from './simulated/simulated-provider.js';
export { manualClock, type ManualClock } from './simulated/clock.js';
export {
  pilotProfile,
  type SignerBehaviour,
  type SignerShorthand,
  type ScriptEntry,
  type SignerScript,
  type ScriptedSigner,
  type SignerProfile,
} from './simulated/behaviour.js';

// Posten signering, portal flow
export { createPostenProvider, type PostenProviderOptions } from './posten/posten-provider.js';
export { httpsTransport, type HttpTransport, type HttpRequest, type HttpResponse, type EnterpriseCertificate } from './posten/transport.js';
export { memoryJobJournal, resolveUncertainJob, type JobJournal, type JournalEntry } from './posten/job-journal.js';
export { type BundleSigner } from './posten/document-bundle.js';
export { manifestXml, jobRequestXml } from './posten/manifest-xml.js';
export { parseStatusChange, parseJobResponse, parseJobRequest, type PostenStatusChange, type ReportedSignature } from './posten/status-change-xml.js';
export { parseManifest, type Manifest, type ManifestSigner } from './posten/manifest-reader.js';
export { ReportedIdentifier, type SignerIdentification } from './posten/reported-identifier.js';
