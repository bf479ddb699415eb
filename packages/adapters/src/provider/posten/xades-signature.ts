import { createHash, createSign } from 'node:crypto';
import { DOMParser, XMLSerializer, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';
import { X509Certificate as PeculiarCertificate } from '@peculiar/x509';
import { C14nCanonicalization } from 'xml-crypto';
import type { EnterpriseCredentials } from './enterprise-credentials.js';
import { xmlAttribute, xmlText } from './xml-text.js';

/*
 * META-INF/signatures.xml as Posten's Java client (asice/signature) makes it: an ASiC
 * XAdESSignatures root holding one XML signature with the id "Signature"; SignedInfo in C14N 1.0
 * and RSA-SHA256; one reference per file (ids ID_0, ID_1, …; SHA-256, no transforms); a reference
 * to the XAdES SignedProperties (its Type, a C14N transform); signing time, the certificate's
 * SHA-1 digest with issuer and serial, each file's MIME type; the chain in KeyInfo.
 *
 * The elements carry their namespace as the default one (no prefixes), as the Java client's
 * XML signature does: each signed element then has exactly one namespace in scope, its own, so
 * the inclusive C14N of SignedInfo and SignedProperties is the same wherever they sit.
 */

export const namespaces = {
  asic: 'http://uri.etsi.org/2918/v1.2.1#',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xades: 'http://uri.etsi.org/01903/v1.3.2#',
} as const;

export const algorithms = {
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  signedProperties: 'http://uri.etsi.org/01903#SignedProperties',
} as const;

export interface SignedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const mimeTypes: Readonly<Record<string, string>> = { pdf: 'application/pdf', xml: 'application/xml', txt: 'text/plain' };
export const mimeTypeOf = (name: string): string => mimeTypes[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';

const base64 = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64');
const digest = (algorithm: 'sha256' | 'sha1', bytes: Uint8Array | string) => createHash(algorithm).update(bytes).digest('base64');

/** The C14N 1.0 (inclusive, no comments) form of one element, by xml-crypto. */
export const canonical = (element: XmlElement): string => new C14nCanonicalization().process(element as never, {}) as string;

const signedProperties = (files: readonly SignedFile[], credentials: EnterpriseCredentials, signingTime: Date): string => {
  const leaf = credentials.chain[0]!;
  const issuer = new PeculiarCertificate(leaf.raw).issuer;
  const serial = BigInt(`0x${leaf.serialNumber}`).toString(10);
  return (
    `<SignedProperties Id="SignedProperties"><SignedSignatureProperties>` +
    `<SigningTime>${signingTime.toISOString().replace(/\.\d{3}Z$/, 'Z')}</SigningTime>` +
    `<SigningCertificate><Cert><CertDigest>` +
    `<DigestMethod xmlns="${namespaces.dsig}" Algorithm="${algorithms.sha1}"></DigestMethod><DigestValue xmlns="${namespaces.dsig}">${digest('sha1', leaf.raw)}</DigestValue>` +
    `</CertDigest><IssuerSerial>` +
    `<X509IssuerName xmlns="${namespaces.dsig}">${xmlText(issuer)}</X509IssuerName><X509SerialNumber xmlns="${namespaces.dsig}">${serial}</X509SerialNumber>` +
    `</IssuerSerial></Cert></SigningCertificate></SignedSignatureProperties>` +
    `<SignedDataObjectProperties>` +
    files.map((file, i) => `<DataObjectFormat ObjectReference="#ID_${i}"><MimeType>${mimeTypeOf(file.name)}</MimeType></DataObjectFormat>`).join('') +
    `</SignedDataObjectProperties></SignedProperties>`
  );
};

const reference = (uri: string, digestValue: string, extra: { id?: string; type?: string; c14n?: boolean }) =>
  `<Reference${extra.id ? ` Id="${extra.id}"` : ''}${extra.type ? ` Type="${extra.type}"` : ''} URI="${xmlAttribute(uri)}">` +
  (extra.c14n ? `<Transforms><Transform Algorithm="${algorithms.c14n}"></Transform></Transforms>` : '') +
  `<DigestMethod Algorithm="${algorithms.sha256}"></DigestMethod><DigestValue>${digestValue}</DigestValue></Reference>`;

const only = (parent: XmlElement | XmlDocument, namespace: string, name: string): XmlElement => {
  const found = (parent as unknown as XmlElement).getElementsByTagNameNS(namespace, name)[0];
  if (found === undefined) throw new Error(`signatures.xml: no ${name}`);
  return found as unknown as XmlElement;
};

/** Signs every file (in the order given) and returns `META-INF/signatures.xml`. */
export const xadesSignatures = (files: readonly SignedFile[], credentials: EnterpriseCredentials, signingTime: Date): string => {
  const references = files.map((file, i) => reference(encodeURIComponent(file.name), digest('sha256', file.bytes), { id: `ID_${i}` })).join('');
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>` +
    `<XAdESSignatures xmlns="${namespaces.asic}"><Signature xmlns="${namespaces.dsig}" Id="Signature">` +
    `<SignedInfo><CanonicalizationMethod Algorithm="${algorithms.c14n}"></CanonicalizationMethod><SignatureMethod Algorithm="${algorithms.rsaSha256}"></SignatureMethod>` +
    references +
    reference('#SignedProperties', '', { type: algorithms.signedProperties, c14n: true }) +
    `</SignedInfo><SignatureValue></SignatureValue>` +
    `<KeyInfo><X509Data>${credentials.chain.map((c) => `<X509Certificate>${base64(c.raw)}</X509Certificate>`).join('')}</X509Data></KeyInfo>` +
    `<Object><QualifyingProperties xmlns="${namespaces.xades}" Target="#Signature">${signedProperties(files, credentials, signingTime)}</QualifyingProperties></Object>` +
    `</Signature></XAdESSignatures>`;

  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const signedInfo = only(document, namespaces.dsig, 'SignedInfo');
  const propertiesDigest = only(signedInfo.lastChild as unknown as XmlElement, namespaces.dsig, 'DigestValue');
  propertiesDigest.appendChild(document.createTextNode(digest('sha256', canonical(only(document, namespaces.xades, 'SignedProperties')))) as never);
  const signature = createSign('RSA-SHA256').update(canonical(signedInfo)).sign(credentials.privateKey, 'base64');
  only(document, namespaces.dsig, 'SignatureValue').appendChild(document.createTextNode(signature) as never);
  return new XMLSerializer().serializeToString(document as never);
};
