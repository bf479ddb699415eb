import { createHash, createVerify, X509Certificate } from 'node:crypto';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { canonical, namespaces } from '../posten/xades-signature.js';

/*
 * What the fake Posten server checks before it takes a job: every file of the bundle is signed in
 * META-INF/signatures.xml with an intact digest, the signature verifies with the certificate in
 * KeyInfo, and that certificate chains to a trusted CA and is valid now. The independent check of
 * the signer is xmlsec1 (xades-signature.int.spec.ts); this one keeps every runner test honest.
 */

export type BundleFault = 'no-signature' | 'unsigned-file' | 'digest-mismatch' | 'bad-signature' | 'untrusted-certificate' | 'expired-certificate';

export class InvalidBundleSignature extends Error {
  override readonly name = 'InvalidBundleSignature';
  constructor(readonly fault: BundleFault) {
    super(`The document bundle's signature is not valid: ${fault}`);
  }
}

const children = (parent: XmlElement, name: string) => Array.from(parent.getElementsByTagNameNS(namespaces.dsig, name) as unknown as ArrayLike<XmlElement>);
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('base64');

/** The bundle's files in order; throws `InvalidBundleSignature` unless the signature holds. */
export const verifyBundle = (zip: Uint8Array, trustedCas: readonly string[], now = new Date()): { name: string; bytes: Uint8Array }[] => {
  const files = Object.entries(unzipSync(zip)).map(([name, bytes]) => ({ name, bytes }));
  const signatures = files.find((f) => f.name === 'META-INF/signatures.xml');
  if (signatures === undefined) throw new InvalidBundleSignature('no-signature');
  const document = new DOMParser().parseFromString(new TextDecoder().decode(signatures.bytes), 'text/xml');
  const signedInfo = document.getElementsByTagNameNS(namespaces.dsig, 'SignedInfo')[0] as unknown as XmlElement | undefined;
  if (signedInfo === undefined) throw new InvalidBundleSignature('no-signature');

  const referenced = new Set<string>();
  for (const reference of children(signedInfo, 'Reference')) {
    const uri = reference.getAttribute('URI') ?? '';
    const expected = children(reference, 'DigestValue')[0]?.textContent ?? '';
    let actual: string;
    if (uri === '#SignedProperties') {
      const properties = document.getElementsByTagNameNS(namespaces.xades, 'SignedProperties')[0] as unknown as XmlElement | undefined;
      actual = properties === undefined ? '' : sha256(canonical(properties));
    } else {
      const file = files.find((f) => f.name === decodeURIComponent(uri));
      if (file === undefined) throw new InvalidBundleSignature('unsigned-file');
      referenced.add(file.name);
      actual = sha256(file.bytes);
    }
    if (actual !== expected) throw new InvalidBundleSignature('digest-mismatch');
  }
  if (files.some((f) => f !== signatures && !referenced.has(f.name))) throw new InvalidBundleSignature('unsigned-file');

  const certificates = Array.from(document.getElementsByTagNameNS(namespaces.dsig, 'X509Certificate') as unknown as ArrayLike<XmlElement>).map(
    (e) => new X509Certificate(Buffer.from(e.textContent ?? '', 'base64')),
  );
  const leaf = certificates[0];
  const value = document.getElementsByTagNameNS(namespaces.dsig, 'SignatureValue')[0]?.textContent ?? '';
  if (leaf === undefined || !createVerify('RSA-SHA256').update(canonical(signedInfo)).verify(leaf.publicKey, value, 'base64')) throw new InvalidBundleSignature('bad-signature');

  const roots = trustedCas.map((pem) => new X509Certificate(pem));
  const chainsToRoot = (cert: X509Certificate, depth = 0): boolean =>
    roots.some((root) => cert.checkIssued(root) && cert.verify(root.publicKey)) ||
    (depth < 5 && certificates.some((issuer) => issuer !== cert && cert.checkIssued(issuer) && cert.verify(issuer.publicKey) && chainsToRoot(issuer, depth + 1)));
  if (!chainsToRoot(leaf)) throw new InvalidBundleSignature('untrusted-certificate');
  if (now.getTime() > Date.parse(leaf.validTo) || now.getTime() < Date.parse(leaf.validFrom)) throw new InvalidBundleSignature('expired-certificate');
  return files;
};
