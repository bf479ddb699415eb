import type { Instant } from '@fagsign/domain';
import type { SignerIdentification } from './reported-identifier.js';
import { attr, identificationOf, instantFrom, optional, parseXml, required, textOf, unreadable } from './posten-xml.js';

export interface ReportedSignature {
  readonly status: string;
  readonly since: Instant;
  readonly signer: SignerIdentification;
  readonly xadesUrl: string | undefined;
}

/** `portal-signature-job-status-change-response`, as read. */
export interface PostenStatusChange {
  readonly reference: string | undefined;
  readonly jobId: string;
  readonly status: string;
  readonly confirmationUrl: string;
  readonly cancellationUrl: string | undefined;
  readonly deleteDocumentsUrl: string | undefined;
  readonly padesUrl: string | undefined;
  readonly signatures: readonly ReportedSignature[];
}

export const parseStatusChange = (xml: string): PostenStatusChange => {
  const root = parseXml(xml, 'portal-signature-job-status-change-response');
  const signatures = root['signatures'] as Record<string, unknown> | undefined;
  if (signatures === undefined || typeof signatures !== 'object') throw unreadable('signatures');
  const list = (signatures['signature'] as Record<string, unknown>[] | undefined) ?? [];
  return {
    reference: optional(root, 'reference'),
    jobId: required(root, 'signature-job-id'),
    status: required(root, 'status'),
    confirmationUrl: required(root, 'confirmation-url'),
    cancellationUrl: optional(root, 'cancellation-url'),
    deleteDocumentsUrl: optional(root, 'delete-documents-url'),
    padesUrl: optional(signatures, 'pades-url'),
    signatures: list.map((signature) => ({
      // Unknown statuses are kept as they come; mapping them is the domain's business.
      status: textOf(signature['status']) ?? '',
      since: instantFrom(attr(signature['status'], 'since'), 'since'),
      signer: identificationOf(signature, 'identifier'),
      xadesUrl: optional(signature, 'xades-url'),
    })),
  };
};

/** `portal-signature-job-response`: the job id and where to cancel it. */
export const parseJobResponse = (xml: string): { reference: string | undefined; jobId: string; cancellationUrl: string } => {
  const root = parseXml(xml, 'portal-signature-job-response');
  return { reference: optional(root, 'reference'), jobId: required(root, 'signature-job-id'), cancellationUrl: required(root, 'cancellation-url') };
};

/** `portal-signature-job-request`: our reference and polling queue. */
export const parseJobRequest = (xml: string): { reference: string | undefined; pollingQueue: string | undefined } => {
  const root = parseXml(xml, 'portal-signature-job-request');
  return { reference: optional(root, 'reference'), pollingQueue: optional(root, 'polling-queue') };
};
