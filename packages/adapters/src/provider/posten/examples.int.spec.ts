import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { portalExamples, sharedSpecification, skipXmllint, specification, validateAgainstPortalXsd } from '../testing/xmllint.js';
import { parseManifest } from './manifest-reader.js';
import { parseJobRequest, parseJobResponse, parseStatusChange } from './status-change-xml.js';
import { parseXml } from './posten-xml.js';

const examples = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? examples(path) : name.endsWith('.xml') ? [path] : [];
  });

const files = examples(portalExamples);
const rootOf = (xml: string): string => /<([a-z-]+)[\s>]/.exec(xml.replace(/<\?xml[^>]*\?>/, ''))![1]!;

/** Reads any portal example by its root element, as the adapter would. */
const read = (xml: string): unknown => {
  switch (rootOf(xml)) {
    case 'portal-signature-job-manifest':
      return parseManifest(xml);
    case 'portal-signature-job-request':
      return parseJobRequest(xml);
    case 'portal-signature-job-response':
      return parseJobResponse(xml);
    case 'portal-signature-job-status-change-response':
      return parseStatusChange(xml);
    default:
      return parseXml(xml, rootOf(xml));
  }
};

describe('the specification examples in schema/examples/portal', () => {
  it('are all found, the legacy one included', () => {
    const names = files.map((f) => relative(portalExamples, f));
    expect(names).toContain('legacy/manifest-legacy.xml');
    expect(names).toContain('status-change-response.xml');
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it.each(files.map((f) => [relative(portalExamples, f), f]))('%s parses', (_name, file) => {
    expect(read(readFileSync(file, 'utf8'))).toBeTruthy();
  });

  it('status changes read as job, status, signers with their time, and links', () => {
    const change = parseStatusChange(readFileSync(join(portalExamples, 'status-change-response.xml'), 'utf8'));
    expect(change).toMatchObject({
      jobId: '1',
      status: 'COMPLETED_SUCCESSFULLY',
      confirmationUrl: 'https://api.signering.posten.no/api/123456789/portal/signature-jobs/1/complete',
      padesUrl: 'https://api.signering.posten.no/api/123456789/portal/signature-jobs/1/pades',
      reference: undefined,
    });
    expect(change.signatures).toHaveLength(1);
    const [signature] = change.signatures;
    expect(signature!.status).toBe('SIGNED');
    expect(signature!.since).toBe('2017-01-23T11:51:43.000Z');
    expect(signature!.signer.kind === 'personal-id' && signature!.signer.personalId.reveal()).toBe('12345678910');
    expect(String(signature!.signer.kind === 'personal-id' && signature!.signer.personalId)).toBe('[signer identifier: redacted]');
    expect(signature!.xadesUrl).toBe('https://api.signering.posten.no/api/123456789/portal/signature-jobs/1/xades/1');
  });

  it('signers without a fødselsnummer read as the contact data they were addressed by', () => {
    const change = parseStatusChange(readFileSync(join(portalExamples, 'status-change-response-signer-without-pin.xml'), 'utf8'));
    const contacts = change.signatures.map((s) => (s.signer.kind === 'contact' ? [s.signer.email?.reveal(), s.signer.sms?.reveal()] : undefined));
    expect(contacts).toEqual([['test@example.com', undefined], ['test@example.com', '12345678']]);
  });

  it('manifests read in both the current and the legacy (deprecated) form', () => {
    const current = parseManifest(readFileSync(join(portalExamples, 'manifest.xml'), 'utf8'));
    expect(current).toMatchObject({ legacy: false, sender: '123456789', title: 'Required job title', availableSeconds: 864000 });
    expect(current.documents.map((d) => d.href)).toEqual(['document.pdf', 'document2.pdf']);
    expect(current.signers.map((s) => s.order)).toEqual([1, 2, 2, 3]);
    expect(current.signers[2]!.lookup).toEqual({ email: true, sms: true });
    const legacy = parseManifest(readFileSync(join(portalExamples, 'legacy/manifest-legacy.xml'), 'utf8'));
    expect(legacy).toMatchObject({ legacy: true, title: 'Tittel', nonSensitiveTitle: 'Ikke-sensitiv tittel', description: 'Melding til undertegner' });
    const onBehalf = parseManifest(readFileSync(join(portalExamples, 'manifest-specify-on-behalf-of.xml'), 'utf8'));
    expect(onBehalf.signers[0]!.onBehalfOf).toBe('SELF');
  });

  it('the request and response read as reference, job id and cancellation link', () => {
    expect(parseJobRequest(readFileSync(join(portalExamples, 'request.xml'), 'utf8'))).toEqual({ reference: '123-ABC', pollingQueue: undefined });
    expect(parseJobResponse(readFileSync(join(portalExamples, 'response.xml'), 'utf8'))).toEqual({
      reference: undefined,
      jobId: '1',
      cancellationUrl: 'https://api.signering.posten.no/api/123456789/portal/signature-jobs/1/cancel',
    });
  });

  it('an unreadable answer is an error that quotes nothing from it', () => {
    expect(() => parseStatusChange('<portal-signature-job-status-change-response xmlns="http://signering.posten.no/schema/v1"><signature-job-id>12345678910</signature-job-id></portal-signature-job-status-change-response>')).toThrow(
      /no readable signatures$/,
    );
    for (const xml of ['not xml at all 12345678910', '<error><error-code>X</error-code><error-message>12345678910</error-message></error>']) {
      const error = (() => {
        try {
          parseStatusChange(xml);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error).toMatchObject({ code: 'unreadable-answer', transient: false });
      expect(error!.message).not.toContain('12345678910');
    }
  });
});

describe.skipIf(skipXmllint)('the examples against portal.xsd (xmllint)', () => {
  it('validate, so the schema and the harness agree with the specification', () => {
    const result = validateAgainstPortalXsd(files.map((f) => readFileSync(f, 'utf8')));
    expect(result.ok, result.report).toBe(true);
  });
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)).map((f) => join(entry.name, f)) : [entry.name],
  );

if (sharedSpecification === undefined) {
  console.warn('SKIPPED: comparing the specification copy with ../shared/posten-signature-api: no shared/ folder above this checkout.');
}

describe.skipIf(sharedSpecification === undefined)('the copy of the specification in packages/adapters/test', () => {
  it('is ../shared/posten-signature-api, file for file and byte for byte', () => {
    const shared = sharedSpecification!;
    const names = filesUnder(shared).sort();
    expect(filesUnder(specification).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(join(specification, name)).equals(readFileSync(join(shared, name))), name).toBe(true);
  });
});
