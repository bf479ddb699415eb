import type { SigningJobProblem } from './errors/invalid-signing-job.js';
import { personalDataIn } from './personal-data-guard.js';
import type { SigningJobRequest } from './signing-job.js';

/** Posten signering's limits: 10 signers, order groups 0–9, at most 90 days, titles of 1–80 characters. */
export const maxSigners = 10;
export const maxAvailableSeconds = 90 * 24 * 3600;

/**
 * What is wrong with a job before any service sees it. Both providers check this, so the simulated
 * service refuses what the real one would, and a hand-built request cannot leak a name into the
 * non-sensitive title.
 */
export const signingJobProblems = (job: SigningJobRequest): SigningJobProblem[] => {
  const problems: SigningJobProblem[] = [];
  if (job.signers.length === 0) problems.push('no-signers');
  if (job.signers.length > maxSigners) problems.push('too-many-signers');
  if (new Set(job.signers.map((s) => s.role)).size !== job.signers.length) problems.push('duplicate-role');
  if (job.signers.some((s) => !Number.isInteger(s.group) || s.group < 0 || s.group > 9)) problems.push('group-out-of-range');
  if (!(job.availableSeconds >= 1)) problems.push('deadline-passed');
  if (job.availableSeconds > maxAvailableSeconds) problems.push('availability-too-long');
  if (job.title.length < 1 || job.title.length > 80) problems.push('title-length');
  if (job.nonSensitiveTitle.length < 1 || job.nonSensitiveTitle.length > 80) problems.push('nonsensitive-title-length');
  if (job.document.title.length < 1 || job.document.title.length > 80) problems.push('title-length');
  const people = {
    names: job.signers.map((s) => s.name),
    personalIds: job.signers.map((s) => s.personalId),
    mobiles: job.signers.map((s) => s.mobile),
    emails: job.signers.map((s) => s.email),
  };
  if (personalDataIn(job.nonSensitiveTitle, people).length > 0) problems.push('personal-data-in-nonsensitive-title');
  if (job.description !== undefined && job.description.length > 220) problems.push('description-too-long');
  if (job.document.bytes.length === 0) problems.push('empty-document');
  // The name is the document's path in the bundle and its href in the manifest (4–100 characters).
  if (!/^[A-Za-z0-9._-]{4,100}$/.test(job.document.fileName) || job.document.fileName === 'manifest.xml') problems.push('document-name');
  return [...new Set(problems)];
};
