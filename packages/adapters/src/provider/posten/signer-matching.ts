import type { PartyRole } from '@fagsign/domain';
import type { JournalEntry } from './job-journal.js';
import type { Fingerprint } from './signer-fingerprint.js';
import { reportedFingerprints } from './signer-fingerprint.js';
import type { ReportedSignature } from './status-change-xml.js';

/**
 * The role behind each reported signature, by the fingerprints of what we sent. When one person
 * signs in two roles (the same address for faglig and daglig leder), their signatures cannot be
 * told apart: they get roles in our order only when they all say the same; otherwise none, and the
 * runner surfaces them for a person to look at.
 */
export const rolesOf = (signatures: readonly ReportedSignature[], entry: JournalEntry | undefined, fingerprint: Fingerprint): (PartyRole | undefined)[] => {
  if (entry === undefined) return signatures.map(() => undefined);
  const candidates = signatures.map((s) => {
    const reported = new Set(reportedFingerprints(s.signer, fingerprint));
    return entry.signers.filter((signer) => signer.fingerprints.some((f) => reported.has(f))).map((signer) => signer.role);
  });
  const roles: (PartyRole | undefined)[] = signatures.map(() => undefined);
  const groups = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    if (c.length === 0) return;
    const key = c.join('|');
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const [key, indices] of groups) {
    const group = key.split('|') as PartyRole[];
    const statuses = new Set(indices.map((i) => signatures[i]!.status));
    if (indices.length === 1 && group.length === 1) roles[indices[0]!] = group[0];
    else if (indices.length === group.length && statuses.size === 1) indices.forEach((i, n) => (roles[i] = group[n]));
  }
  return roles;
};
