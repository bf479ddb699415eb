import type { OrgNumber } from '@fagsign/domain';
import { InvalidSigningJob } from '../errors/invalid-signing-job.js';
import type { JobSigner, SigningJobRequest } from '../signing-job.js';
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

const signerXml = (signer: JobSigner): string => {
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
  return `    <signer order="${signer.group}">${identity}${notifications}${onBehalfOf}</signer>\n`;
};

export const manifestXml = (job: SigningJobRequest, sender: OrgNumber): string =>
  `${declaration}<portal-signature-job-manifest xmlns="${postenNamespace}">\n` +
  `  <signers>\n${job.signers.map(signerXml).join('')}  </signers>\n` +
  `  <sender><organization-number>${xmlText(sender)}</organization-number></sender>\n` +
  `  <title>${xmlText(job.title)}</title>\n` +
  `  <nonsensitive-title>${xmlText(job.nonSensitiveTitle)}</nonsensitive-title>\n` +
  (job.description === undefined || job.description === '' ? '' : `  <description>${xmlText(job.description)}</description>\n`) +
  `  <documents>\n` +
  `    <document href="${xmlAttribute(job.document.fileName)}" mime="${xmlAttribute(job.document.mimeType)}"><title>${xmlText(job.document.title)}</title></document>\n` +
  `  </documents>\n` +
  `  <availability><available-seconds>${Math.floor(job.availableSeconds)}</available-seconds></availability>\n` +
  `</portal-signature-job-manifest>\n`;
