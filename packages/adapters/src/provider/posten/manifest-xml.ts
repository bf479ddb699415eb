import type { Instant, OrgNumber } from '@fagsign/domain';
import { InvalidSigningJob } from '../errors/invalid-signing-job.js';
import type { JobSigner, SigningJobRequest } from '../signing-job.js';
import { manifestSettings, type ManifestSettings, type PostenJobSettings } from './job-settings.js';
import { notificationPlan, smsNumber } from './notification-plan.js';
import { postenNamespace, xmlAttribute, xmlText } from './xml-text.js';

/*
 * The two XML documents of a portal job: the request (metadata part of the multipart upload) and
 * the manifest (inside the document bundle). Element order follows portal.xsd exactly; the tests
 * validate generated manifests against it with xmllint.
 */

const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Our reference for the job, echoed in status changes: the order id when it fits in the 50 characters allowed. */
export const referenceFor = (orderId: string, digest: (text: string) => string): string =>
  orderId.length <= 50 ? orderId : `${orderId.slice(0, 37)}~${digest(orderId).slice(0, 12)}`;

export const jobRequestXml = (reference: string, pollingQueue?: string): string =>
  `${declaration}<portal-signature-job-request xmlns="${postenNamespace}">\n` +
  `  <reference>${xmlText(reference)}</reference>\n` +
  (pollingQueue === undefined ? '' : `  <polling-queue>${xmlText(pollingQueue)}</polling-queue>\n`) +
  `</portal-signature-job-request>\n`;

const signerXml = (settings: ManifestSettings) => (signer: JobSigner): string => {
  const plan = notificationPlan(signer);
  if (plan.kind === 'unreachable') throw new InvalidSigningJob([`signer-unreachable:${signer.role}`]);
  const identity =
    signer.personalId !== undefined
      ? `<personal-identification-number>${xmlText(signer.personalId.reveal())}</personal-identification-number>`
      : '<identified-by-contact-information/>';
  const notifications =
    plan.kind === 'lookup'
      ? `<notifications-using-lookup><email/>${plan.sms ? '<sms/>' : ''}</notifications-using-lookup>`
      : `<notifications>${plan.email ? `<email address="${xmlAttribute(plan.email.reveal())}"/>` : ''}${
          plan.sms ? `<sms number="${xmlAttribute(smsNumber(plan.sms))}"/>` : ''
        }</notifications>`;
  // on-behalf-of only means something for a signer known by fødselsnummer (where the signed copy goes).
  const onBehalfOf = signer.personalId !== undefined ? `<on-behalf-of>${signer.onBehalfOf === 'self' ? 'SELF' : 'OTHER'}</on-behalf-of>` : '';
  const signatureType = settings.signatureType === undefined ? '' : `<signature-type>${settings.signatureType}</signature-type>`;
  return `    <signer order="${signer.group}">${identity}${signatureType}${notifications}${onBehalfOf}</signer>\n`;
};

/**
 * The manifest, with the job's settings: the county policy's `job.choices`, else the adapter's own
 * `settings` (see `manifestSettings`). With an activation time, `available-seconds` counts from it
 * (portal.xsd), so it is the time from the activation to the order's deadline: the job still ends then.
 */
export const manifestXml = (job: SigningJobRequest, sender: OrgNumber, own: PostenJobSettings = {}, sentAt?: string): string => {
  const settings = manifestSettings(job.choices, own, sentAt as Instant | undefined);
  const activation = settings.activationTime;
  // From the activation to the order's deadline; without one, from now (the job's own count).
  const available = activation === undefined ? job.availableSeconds : Math.floor((Date.parse(job.deadline) - Date.parse(activation)) / 1000);
  if (activation !== undefined && !(available > 0)) throw new InvalidSigningJob(['activation-after-deadline']);
  return (
    `${declaration}<portal-signature-job-manifest xmlns="${postenNamespace}">\n` +
    `  <signers>\n${job.signers.map(signerXml(settings)).join('')}  </signers>\n` +
    `  <sender><organization-number>${xmlText(sender)}</organization-number></sender>\n` +
    `  <title>${xmlText(job.title)}</title>\n` +
    `  <nonsensitive-title>${xmlText(job.nonSensitiveTitle)}</nonsensitive-title>\n` +
    (job.description === undefined || job.description === '' ? '' : `  <description>${xmlText(job.description)}</description>\n`) +
    `  <documents>\n` +
    `    <document href="${xmlAttribute(job.document.fileName)}" mime="${xmlAttribute(job.document.mimeType)}"><title>${xmlText(job.document.title)}</title></document>\n` +
    `  </documents>\n` +
    (settings.requiredAuthentication === undefined ? '' : `  <required-authentication>${settings.requiredAuthentication}</required-authentication>\n`) +
    `  <availability>${activation === undefined ? '' : `<activation-time>${new Date(activation).toISOString()}</activation-time>`}` +
    `<available-seconds>${available}</available-seconds></availability>\n` +
    (settings.identifierInSignedDocuments === undefined ? '' : `  <identifier-in-signed-documents>${settings.identifierInSignedDocuments}</identifier-in-signed-documents>\n`) +
    `</portal-signature-job-manifest>\n`
  );
};
