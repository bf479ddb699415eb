import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { Instant } from '@fagsign/domain';
import { issue, makeCa, type Issued } from '../testing/enterprise-certificates.js';
import { skipXmllint } from '../testing/xmllint.js';
import { skipXmlsec1, validateSignaturesXml, xmlsec1Verify } from '../testing/xmlsec.js';
import { InvalidBundleSignature, verifyBundle } from '../testing/verify-bundle.js';
import { placeholderPdf } from '../placeholder-pdf.js';
import { documentBundle } from './document-bundle.js';
import { enterpriseCredentials } from './enterprise-credentials.js';
import { xadesBundleSigner } from './xades-bundle-signer.js';

/*
 * The signed document bundle, checked by code fagsign did not write: xmllint against the XMLDSig,
 * XAdES and ASiC schemas of Posten's specification, and xmlsec1 for the signature and every file
 * digest, trusting only the throw-away CA that issued the enterprise certificate.
 */

let ca: Issued;
let county: Issued;
const now = () => new Date().toISOString() as Instant;
const manifest = '<?xml version="1.0" encoding="UTF-8"?><portal-signature-job-manifest xmlns="http://signering.posten.no/schema/v1"/>';
const document = { fileName: 'LK-2026-000123.pdf', bytes: placeholderPdf('Lærekontrakt LK-2026-000123') };

const signedBundle = async (credentials = enterpriseCredentials({ key: county.key, chain: county.cert + ca.cert })) =>
  documentBundle(manifest, document, xadesBundleSigner(() => credentials, now));

const caught = async (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as Error & Record<string, unknown>);

beforeAll(async () => {
  ca = await makeCa('CN=Test Commfides Enterprise CA, O=Test Commfides Norge AS, C=NO');
  county = await issue(ca, { subject: [{ C: ['NO'] }, { O: ['Telemark fylkeskommune'] }, { '2.5.4.97': ['NTRNO-940192226'] }, { CN: ['Telemark fylkeskommune'] }] });
});

describe('the XAdES bundle signer', () => {
  it('writes a deflated ZIP in the clients\' order, with signatures.xml shaped as Posten\'s Java client makes it', async () => {
    const zip = await signedBundle();
    expect(Object.keys(unzipSync(zip))).toEqual([document.fileName, 'manifest.xml', 'META-INF/signatures.xml']);
    expect(new DataView(zip.buffer, zip.byteOffset).getUint16(8, true)).toBe(8); // first entry: deflate
    const xml = new TextDecoder().decode(unzipSync(zip)['META-INF/signatures.xml']);
    expect(xml).toMatch(/^<\?xml[^>]*\?><XAdESSignatures xmlns="http:\/\/uri\.etsi\.org\/2918\/v1\.2\.1#"><Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#" Id="Signature"><SignedInfo>/);
    expect(xml).toContain('<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>');
    expect(xml).toContain('<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(xml).toContain(`<Reference Id="ID_0" URI="${document.fileName}"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>`);
    expect(xml).toContain('<Reference Id="ID_1" URI="manifest.xml"><DigestMethod');
    expect(xml).toContain('<Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#SignedProperties"><Transforms><Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/></Transforms>');
    expect(xml).toContain('<QualifyingProperties xmlns="http://uri.etsi.org/01903/v1.3.2#" Target="#Signature"><SignedProperties Id="SignedProperties">');
    expect(xml).toMatch(/<SigningTime>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/SigningTime>/);
    expect(xml).toContain('<DigestMethod xmlns="http://www.w3.org/2000/09/xmldsig#" Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>');
    expect(xml).toContain(`<X509SerialNumber xmlns="http://www.w3.org/2000/09/xmldsig#">${BigInt(`0x${county.certificate.serialNumber}`)}</X509SerialNumber>`);
    expect(xml).toContain('<DataObjectFormat ObjectReference="#ID_0"><MimeType>application/pdf</MimeType></DataObjectFormat><DataObjectFormat ObjectReference="#ID_1"><MimeType>application/xml</MimeType></DataObjectFormat>');
    expect(xml.match(/<X509Certificate>/g)).toHaveLength(2); // the enterprise certificate and its CA
  });

  it.skipIf(skipXmllint)('makes signatures.xml that xmllint validates against the XMLDSig, XAdES and ASiC schemas', async () => {
    const files = unzipSync(await signedBundle());
    const validation = validateSignaturesXml(files['META-INF/signatures.xml']!);
    expect(validation.ok, validation.report).toBe(true);
    // The schemas reach into QualifyingProperties: an element XAdES does not have is refused.
    const broken = new TextDecoder().decode(files['META-INF/signatures.xml']).replace('<SigningTime>', '<SigningPlace/><SigningTime>');
    expect(validateSignaturesXml(broken).ok).toBe(false);
  });

  it.skipIf(skipXmlsec1)('makes a signature that xmlsec1 verifies, with every file digest, trusting only the issuing CA', async () => {
    const files = unzipSync(await signedBundle());
    const verified = xmlsec1Verify(files, ca.cert);
    expect(verified.ok, verified.report).toBe(true);
    expect(verified.report).toContain('SignedInfo References (ok/all): 3/3');
    expect(verifyBundle(await signedBundle(), [ca.cert]).map((f) => f.name)).toHaveLength(3);
  });

  it.skipIf(skipXmlsec1)('fails xmlsec1 and the service\'s check when any byte of any file changes', async () => {
    const zip = await signedBundle();
    for (const name of [document.fileName, 'manifest.xml', 'META-INF/signatures.xml']) {
      const files = unzipSync(zip);
      const bytes = files[name]!;
      const at = name.endsWith('signatures.xml') ? new TextDecoder().decode(bytes).indexOf('<SigningTime>') + 16 : Math.floor(bytes.length / 2);
      bytes[at] = bytes[at]! ^ 1;
      expect(xmlsec1Verify(files, ca.cert).ok, name).toBe(false);
      expect(() => verifyBundle(zipSync(files), [ca.cert]), name).toThrow(InvalidBundleSignature);
    }
  });

  it.skipIf(skipXmlsec1)('is not trusted by xmlsec1 when the certificate comes from another CA', async () => {
    const stranger = await makeCa('CN=Not Posten\'s CA');
    expect(xmlsec1Verify(unzipSync(await signedBundle()), stranger.cert).ok).toBe(false);
    expect(() => verifyBundle(Buffer.from([]), [])).toThrow();
  });

  it('refuses a key that is not the certificate\'s, and an expired certificate, with a typed error that names no secret', async () => {
    const other = await issue(ca, { subject: 'CN=Another county' });
    const wrongKey = (() => {
      try {
        enterpriseCredentials({ key: other.key, chain: county.cert });
      } catch (e) {
        return e as Error & Record<string, unknown>;
      }
    })();
    expect(wrongKey).toMatchObject({ name: 'EnterpriseCertificateError', problem: 'key-mismatch', code: 'certificate-key-mismatch', transient: false });

    const expired = await issue(ca, { subject: 'CN=Telemark fylkeskommune', notBefore: new Date(Date.now() - 400 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    const stale = enterpriseCredentials({ key: expired.key, chain: expired.cert });
    const error = await caught(documentBundle(manifest, document, xadesBundleSigner(() => stale, now)));
    expect(error).toMatchObject({ name: 'EnterpriseCertificateError', problem: 'expired', transient: false });
    for (const e of [wrongKey!, error!]) expect(`${e.message} ${JSON.stringify(e)}`).not.toMatch(/PRIVATE KEY|BEGIN|MII/);
  });

  it('reads a PKCS#12 file made by openssl, and refuses a wrong passphrase without repeating it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fagsign-p12-'));
    try {
      writeFileSync(join(dir, 'key.pem'), county.key);
      writeFileSync(join(dir, 'chain.pem'), county.cert + ca.cert);
      execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'chain.pem'), '-out', join(dir, 'county.p12'), '-passout', 'pass:hemmelig-passord', '-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'], { stdio: 'pipe' });
      const pkcs12 = new Uint8Array(readFileSync(join(dir, 'county.p12')));
      const credentials = enterpriseCredentials({ pkcs12, passphrase: 'hemmelig-passord' });
      expect(credentials.chain.map((c) => c.fingerprint256)).toEqual([county.cert, ca.cert].map((pem) => new X509Certificate(pem).fingerprint256));
      expect(verifyBundle(await signedBundle(credentials), [ca.cert])).toHaveLength(3);
      let refused: (Error & Record<string, unknown>) | undefined;
      try {
        enterpriseCredentials({ pkcs12, passphrase: 'feil-passord' });
      } catch (e) {
        refused = e as Error & Record<string, unknown>;
      }
      expect(refused).toMatchObject({ name: 'EnterpriseCertificateError', problem: 'unreadable' });
      expect(`${refused!.message} ${JSON.stringify(refused)}`).not.toMatch(/passord/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
