import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { registerContractArb } from '@fagsign/domain/testing';
import {
  activations,
  authenticationLevels as policyLevels,
  defaultPolicy,
  InvalidPolicy,
  MobileNumber,
  policyViolations,
  signatureTypes as policySignatureTypes,
  signedDocumentIdentifiers,
  type Instant,
  type OrgNumber,
  type SigningPolicy,
} from '@fagsign/domain';
import { signingJobFor, type SigningJobRequest } from '../signing-job.js';
import { InvalidSigningJob } from '../errors/invalid-signing-job.js';
import { placeholderPdf } from '../placeholder-pdf.js';
import { personalDataIn } from '../personal-data-guard.js';
import { contractWithOrder } from '../testing/orders.js';
import { skipXmllint, validateAgainstPortalXsd } from '../testing/xmllint.js';
import { jobRequestXml, manifestXml, referenceFor } from './manifest-xml.js';
import { authenticationLevels, checkJobSettings, identifiersInSignedDocuments, manifestSettings, signatureTypes, type PostenJobSettings } from './job-settings.js';
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
    expect(morning).toContain(`<available-seconds>${Math.floor((Date.parse(job.deadline) - Date.parse('2026-08-04T06:00:00.000Z')) / 1000)}</available-seconds>`);
    expect(() => manifestXml(job, sender, { activateAt: () => new Date(Date.parse(sentAt) + job.availableSeconds * 1000).toISOString() as never }, sentAt)).toThrow(InvalidSigningJob);
  });

  it('refuses a setting portal.xsd would refuse, naming the field', () => {
    expect(() => checkJobSettings({ signatureType: 'QUALIFIED' as never })).toThrow(/jobSettings\.signatureType must be one of/);
    expect(() => checkJobSettings({ requiredAuthentication: 2 as never })).toThrow(/jobSettings\.requiredAuthentication/);
    expect(() => checkJobSettings({ identifierInSignedDocuments: 'PIN' as never })).toThrow(/jobSettings\.identifierInSignedDocuments/);
    expect(() => checkJobSettings({})).not.toThrow();
  });
});

/** A sendable job for a contract with every role (the county too), its order made and sent at `sentAt` under `policy`. */
const jobUnder = (policy: SigningPolicy, sentAt: string): SigningJobRequest => {
  const registers = fc.sample(registerContractArb({ withCounty: true }), { seed: 2026, numRuns: 40 });
  for (const register of registers) {
    const { contract, order } = contractWithOrder(register, sentAt, policy);
    try {
      const job = signingJobFor(contract, order, { now: sentAt as Instant, document: { bytes: pdf }, policy });
      if (job.signers.length >= 3 && job.signers.every((s) => notificationPlan(s).kind !== 'unreachable')) return job;
    } catch (e) {
      if (!(e instanceof InvalidSigningJob)) throw e;
    }
  }
  throw new Error('no sendable job in the sample');
};

describe("the county's policy per job, in the manifest", () => {
  // 23:00 in Oslo (summer time): inside the default quiet hours 22–08.
  const night = '2026-08-03T21:00:00.000Z';
  const choices: [Partial<SigningPolicy>, string][] = [
    ...policyLevels.map((level): [Partial<SigningPolicy>, string] => [{ requiredAuthentication: level }, `<required-authentication>${level}</required-authentication>`]),
    [{ signatureType: 'advanced' }, '<signature-type>ADVANCED_ELECTRONIC_SIGNATURE</signature-type>'],
    [{ signatureType: 'authenticated' }, '<signature-type>AUTHENTICATED_ELECTRONIC_SIGNATURE</signature-type>'],
    [{ identifierInSignedDocuments: 'personal-id-and-name' }, '<identifier-in-signed-documents>PERSONAL_IDENTIFICATION_NUMBER_AND_NAME</identifier-in-signed-documents>'],
    [{ identifierInSignedDocuments: 'date-of-birth-and-name' }, '<identifier-in-signed-documents>DATE_OF_BIRTH_AND_NAME</identifier-in-signed-documents>'],
    [{ identifierInSignedDocuments: 'name' }, '<identifier-in-signed-documents>NAME</identifier-in-signed-documents>'],
    // 08:00 Oslo the next morning
    [{ activation: 'after-quiet-hours' }, '<activation-time>2026-08-04T06:00:00.000Z</activation-time>'],
    [{ signerGroups: { 'faglig-leder': 2, 'daglig-leder': 3 }, countySignsLast: true }, '<signer order="4">'],
  ];

  it('covers every value the domain allows', () => {
    // each level, type and identifier; the one activation that is not "at once"; signer groups
    expect(choices.length).toBe(policyLevels.length + policySignatureTypes.length + signedDocumentIdentifiers.length + activations.filter((a) => a !== 'at-once').length + 1);
  });

  it.skipIf(skipXmllint)('puts each setting in its place, and every such manifest validates against portal.xsd', () => {
    const manifests = choices.map(([changes, element]) => {
      const manifest = manifestXml(jobUnder({ ...defaultPolicy, ...changes }, night), sender, {}, night);
      expect(manifest, element).toContain(element);
      return manifest;
    });
    const result = validateAgainstPortalXsd(manifests);
    expect(result.ok, result.report.slice(0, 2000)).toBe(true);
  });

  it('puts the signers in the groups the policy gives, the county in the group after the highest', () => {
    const job = jobUnder({ ...defaultPolicy, signerGroups: { 'faglig-leder': 2, 'daglig-leder': 3 }, countySignsLast: true }, night);
    const orders = new Map(parseManifest(manifestXml(job, sender)).signers.map((s, i) => [job.signers[i]!.role, s.order]));
    expect(orders.get('faglig-leder')).toBe(2);
    expect(orders.get('daglig-leder')).toBe(3);
    expect(orders.get('fylkeskommune')).toBe(4);
    expect(orders.get(job.signers[0]!.role)).toBe(1);
  });

  it('activates at once outside the quiet hours, and keeps the deadline after them', () => {
    const policy = { ...defaultPolicy, activation: 'after-quiet-hours' as const };
    const day = '2026-08-03T10:00:00.000Z';
    expect(manifestXml(jobUnder(policy, day), sender, {}, day)).not.toContain('<activation-time>');
    const job = jobUnder(policy, night);
    const manifest = parseManifest(manifestXml(job, sender, {}, night));
    expect(manifest.activationTime).toBe('2026-08-04T06:00:00.000Z');
    expect(Date.parse(manifest.activationTime!) + manifest.availableSeconds! * 1000).toBe(Date.parse(job.deadline));
  });

  it("takes the policy's choice over the adapter's own jobSettings, and the adapter's where the policy leaves it to the service", () => {
    const own: PostenJobSettings = { requiredAuthentication: 4, signatureType: 'AUTHENTICATED_ELECTRONIC_SIGNATURE', activateAt: () => '2026-08-04T05:00:00.000Z' as never };
    const both = manifestXml(jobUnder({ ...defaultPolicy, requiredAuthentication: 3, activation: 'after-quiet-hours' }, night), sender, own, night);
    expect(both).toContain('<required-authentication>3</required-authentication>');
    expect(both).toContain('<activation-time>2026-08-04T06:00:00.000Z</activation-time>');
    expect(both).toContain('<signature-type>AUTHENTICATED_ELECTRONIC_SIGNATURE</signature-type>');
    // 'after-quiet-hours' in the day decides "at once": the adapter's activateAt is not asked.
    const day = '2026-08-03T10:00:00.000Z';
    expect(manifestXml(jobUnder({ ...defaultPolicy, activation: 'after-quiet-hours' }, day), sender, own, day)).not.toContain('<activation-time>');
    const policyQuiet = manifestXml(jobUnder(defaultPolicy, night), sender, own, night);
    expect(policyQuiet).toContain('<required-authentication>4</required-authentication>');
    expect(policyQuiet).toContain('<activation-time>2026-08-04T05:00:00.000Z</activation-time>');
  });

  it('refuses an invalid setting, naming the field: in the policy, in a job built from it, and in a job handed to the adapter', () => {
    const wrong = { ...defaultPolicy, requiredAuthentication: 2, signatureType: 'qualified', identifierInSignedDocuments: 'PIN', activation: 'at-night', signerGroups: { 'daglig-leder': 9, fylkeskommune: 1 } } as unknown as SigningPolicy;
    expect(policyViolations(wrong).map((v) => v.path)).toEqual(['requiredAuthentication', 'signatureType', 'identifierInSignedDocuments', 'activation', 'signerGroups.daglig-leder', 'signerGroups.fylkeskommune']);
    expect(policyViolations({ ...defaultPolicy, signatureType: 'qualified' } as never)).toEqual([
      { path: 'signatureType', rule: 'must be "advanced", "authenticated", or null for the signing service\'s default' },
    ]);
    const { contract, order } = contractWithOrder(fc.sample(registerContractArb(), { seed: 3, numRuns: 1 })[0]!, night);
    expect(() => signingJobFor(contract, order, { now: night as Instant, document: { bytes: pdf }, policy: wrong })).toThrow(InvalidPolicy);
    expect(() => signingJobFor(contract, order, { now: night as Instant, document: { bytes: pdf }, policy: wrong })).toThrow(/signatureType must be/);
    expect(() => manifestSettings({ signatureType: 'qualified' as never }, {}, undefined)).toThrow(/choices\.signatureType must be one of advanced, authenticated/);
    expect(() => manifestSettings({ requiredAuthentication: 2 as never }, {}, undefined)).toThrow(/choices\.requiredAuthentication/);
  });
});
