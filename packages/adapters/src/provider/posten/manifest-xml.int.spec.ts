import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { registerContractArb } from '@fagsign/domain/testing';
import { defaultPolicy, MobileNumber, type OrgNumber } from '@fagsign/domain';
import { signingJobFor, type SigningJobRequest } from '../signing-job.js';
import { InvalidSigningJob } from '../errors/invalid-signing-job.js';
import { placeholderPdf } from '../placeholder-pdf.js';
import { personalDataIn } from '../personal-data-guard.js';
import { contractWithOrder } from '../testing/orders.js';
import { skipXmllint, validateAgainstPortalXsd } from '../testing/xmllint.js';
import { jobRequestXml, manifestXml, referenceFor } from './manifest-xml.js';
import { authenticationLevels, checkJobSettings, identifiersInSignedDocuments, signatureTypes, type PostenJobSettings } from './job-settings.js';
import { signerFingerprint } from './signer-fingerprint.js';
import { parseManifest } from './manifest-reader.js';
import { notificationPlan, smsNumber } from './notification-plan.js';

const sender = '974760673' as OrgNumber;
const pdf = placeholderPdf('Lærekontrakt');

/** Any order the domain can make (flawed contact data, county last, guardians), with awkward titles. */
const jobArb: fc.Arbitrary<SigningJobRequest | InvalidSigningJob> = fc
  .record({
    register: registerContractArb({ flaws: 0.25, withCounty: true }),
    countySignsLast: fc.boolean(),
    guardianSignsForMinors: fc.boolean(),
    validityDays: fc.integer({ min: 1, max: 90 }),
    title: fc.option(fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }).filter((t) => t.replace(/[\u0000-\u001F\uFFFE\uFFFF]/g, '').length > 0), { nil: undefined }),
    description: fc.option(fc.string({ unit: 'grapheme', maxLength: 220 }), { nil: undefined }),
  })
  .map(({ register, countySignsLast, guardianSignsForMinors, validityDays, title, description }) => {
    const policy = { ...defaultPolicy, countySignsLast, guardianSignsForMinors, validityDays };
    const { contract, order } = contractWithOrder(register, '2026-08-03T09:00:00.000Z', policy);
    try {
      const job = signingJobFor(contract, order, { now: order.createdAt, document: { bytes: pdf }, ...(title ? { title } : {}), ...(description ? { description } : {}) });
      return job.signers.some((s) => notificationPlan(s).kind === 'unreachable') ? new InvalidSigningJob(['no-signers']) : job;
    } catch (e) {
      if (e instanceof InvalidSigningJob) return e;
      throw e;
    }
  });

const sendable = (x: SigningJobRequest | InvalidSigningJob): x is SigningJobRequest => !(x instanceof InvalidSigningJob);

describe.skipIf(skipXmllint)('portal manifests against portal.xsd (xmllint)', () => {
  it('every manifest built from a sendable order validates, with every kind of signer and title', () => {
    const jobs = fc.sample(jobArb, { seed: 20260803, numRuns: 300 }).filter(sendable);
    expect(jobs.length).toBeGreaterThan(150);
    // The sample must reach every way of addressing a signer, or the validation proves little.
    const kinds = new Set(jobs.flatMap((j) => j.signers.map((s) => `${notificationPlan(s).kind}/${s.personalId ? 'pin' : 'contact'}`)));
    expect(kinds).toEqual(new Set(['contact/pin', 'contact/contact', 'lookup/pin']));
    expect(jobs.some((j) => j.signers.some((s) => s.group === 2))).toBe(true);
    const result = validateAgainstPortalXsd(jobs.map((j) => manifestXml(j, sender)));
    expect(result.ok, result.report.slice(0, 2000)).toBe(true);
  });

  it('every county job setting validates: required authentication, signature type, identifier in the signed documents, activation time', () => {
    const settingsArb: fc.Arbitrary<PostenJobSettings> = fc.record(
      {
        requiredAuthentication: fc.constantFrom(...authenticationLevels),
        signatureType: fc.constantFrom(...signatureTypes),
        identifierInSignedDocuments: fc.constantFrom(...identifiersInSignedDocuments),
        activateAt: fc.integer({ min: 0, max: 12 * 3600 }).map((wait) => (sentAt: string) => new Date(Date.parse(sentAt) + wait * 1000).toISOString() as never),
      },
      { requiredKeys: [] },
    );
    const pairs = fc.sample(fc.tuple(jobArb, settingsArb), { seed: 13, numRuns: 200 }).filter((p): p is [SigningJobRequest, PostenJobSettings] => sendable(p[0]) && p[0].availableSeconds > 12 * 3600);
    expect(pairs.length).toBeGreaterThan(50);
    const manifests = pairs.map(([job, settings]) => manifestXml(job, sender, settings, '2026-08-03T09:00:00.000Z'));
    for (const name of ['required-authentication', 'signature-type', 'identifier-in-signed-documents', 'activation-time']) expect(manifests.some((m) => m.includes(`<${name}>`)), name).toBe(true);
    const result = validateAgainstPortalXsd(manifests);
    expect(result.ok, result.report.slice(0, 2000)).toBe(true);
  });

  it('job requests validate, with and without a polling queue', () => {
    const result = validateAgainstPortalXsd([jobRequestXml('LK-2026-000123/1'), jobRequestXml('a&b<c>/2', 'fagsign-telemark')]);
    expect(result.ok, result.report).toBe(true);
  });

  it('xmllint does refuse what portal.xsd forbids (the check is not vacuous)', () => {
    const job = fc.sample(jobArb.filter(sendable), { seed: 1, numRuns: 1 })[0] as SigningJobRequest;
    const eleven = { ...job, signers: Array.from({ length: 11 }, (_, i) => ({ ...job.signers[0]!, group: i % 10 })) };
    const longTitle = { ...job, nonSensitiveTitle: 'x'.repeat(81) };
    expect(validateAgainstPortalXsd([manifestXml(eleven, sender)]).ok).toBe(false);
    expect(validateAgainstPortalXsd([manifestXml(longTitle, sender)]).ok).toBe(false);
  });
});

describe('portal manifests, read back', () => {
  it('say what the order meant: identity, channel, group, on-behalf-of, titles and the time left', () => {
    fc.assert(
      fc.property(jobArb.filter(sendable), (job) => {
        const manifest = parseManifest(manifestXml(job, sender));
        expect(manifest.sender).toBe(sender);
        expect(manifest.legacy).toBe(false);
        expect(manifest.nonSensitiveTitle).toBe(job.nonSensitiveTitle);
        expect(manifest.availableSeconds).toBe(job.availableSeconds);
        expect(manifest.documents).toEqual([{ href: job.document.fileName, mime: 'application/pdf', title: job.document.title }]);
        manifest.signers.forEach((read, i) => {
          const signer = job.signers[i]!;
          const plan = notificationPlan(signer);
          expect(read.order).toBe(signer.group);
          if (signer.personalId) {
            expect(read.identification).toMatchObject({ kind: 'personal-id' });
            expect(read.identification.kind === 'personal-id' && read.identification.personalId.reveal()).toBe(signer.personalId.reveal());
            expect(read.onBehalfOf).toBe(signer.onBehalfOf === 'self' ? 'SELF' : 'OTHER');
          } else expect(read.identification.kind).toBe('contact');
          if (plan.kind === 'lookup') expect(read.lookup).toEqual({ email: true, sms: signer.channel === 'sms' });
          if (plan.kind === 'contact' && read.identification.kind === 'contact') {
            expect(read.identification.email?.reveal()).toBe(plan.email?.reveal());
            expect(read.identification.sms?.reveal()).toBe(plan.sms ? smsNumber(plan.sms) : undefined);
          }
        });
        const people = { names: job.signers.map((s) => s.name), personalIds: job.signers.map((s) => s.personalId), mobiles: job.signers.map((s) => s.mobile), emails: job.signers.map((s) => s.email) };
        expect(personalDataIn(manifest.nonSensitiveTitle!, people)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a signer the service could not reach, naming the role only', () => {
    const job = fc.sample(jobArb.filter(sendable), { seed: 2, numRuns: 1 })[0] as SigningJobRequest;
    const leader = { ...job.signers[0]!, channel: 'email' as const, email: undefined, personalId: undefined, onBehalfOf: 'other' as const };
    expect(() => manifestXml({ ...job, signers: [leader] }, sender)).toThrow(/signer-unreachable:/);
  });

  it('uses the order id as the reference, and a stable 50-character form for longer ids', () => {
    const digest = (t: string) => signerFingerprint('k')('pin', t);
    expect(referenceFor('LK-2026-000123/1', digest)).toBe('LK-2026-000123/1');
    const long = `${'A'.repeat(64)}/12`;
    const reference = referenceFor(long, digest);
    expect(reference).toHaveLength(50);
    expect(reference).toBe(referenceFor(long, digest));
    expect(reference).not.toBe(referenceFor(`${'A'.repeat(64)}/13`, digest));
  });

  it('writes Norwegian mobiles as eight digits and keeps the + of a foreign one', () => {
    expect(smsNumber(MobileNumber.registered('0047 912 34 567'))).toBe('91234567');
    expect(smsNumber(MobileNumber.registered('+46 70 123 45 67'))).toBe('+46701234567');
  });

  it('escapes what XML cannot carry as text', () => {
    const job = fc.sample(jobArb.filter(sendable), { seed: 4, numRuns: 1 })[0] as SigningJobRequest;
    const xml = manifestXml({ ...job, title: 'A & B <AS> "x"\u0007' }, sender);
    expect(xml).toContain('<title>A &amp; B &lt;AS&gt; "x"</title>');
    expect(parseManifest(xml).title).toBe('A & B <AS> "x"');
  });
});

describe('county job settings', () => {
  const job = fc.sample(jobArb, { seed: 7, numRuns: 50 }).find((j): j is SigningJobRequest => sendable(j) && j.availableSeconds > 86_400)!;

  it('keeps the deadline with an activation time: available-seconds counts from it, and a time past the deadline is refused', () => {
    const sentAt = '2026-08-03T22:00:00.000Z';
    const morning = manifestXml(job, sender, { activateAt: () => '2026-08-04T06:00:00.000Z' as never }, sentAt);
    expect(morning).toContain('<activation-time>2026-08-04T06:00:00.000Z</activation-time>');
    expect(morning).toContain(`<available-seconds>${Math.floor(job.availableSeconds - 8 * 3600)}</available-seconds>`);
    expect(() => manifestXml(job, sender, { activateAt: () => new Date(Date.parse(sentAt) + job.availableSeconds * 1000).toISOString() as never }, sentAt)).toThrow(InvalidSigningJob);
  });

  it('refuses a setting portal.xsd would refuse, naming the field', () => {
    expect(() => checkJobSettings({ signatureType: 'QUALIFIED' as never })).toThrow(/jobSettings\.signatureType must be one of/);
    expect(() => checkJobSettings({ requiredAuthentication: 2 as never })).toThrow(/jobSettings\.requiredAuthentication/);
    expect(() => checkJobSettings({ identifierInSignedDocuments: 'PIN' as never })).toThrow(/jobSettings\.identifierInSignedDocuments/);
    expect(() => checkJobSettings({})).not.toThrow();
  });
});
