import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/*
 * Throw-away certificate authorities and certificates, made with @peculiar/x509 for one test run:
 * a county's enterprise certificate (RSA, as Buypass and Commfides issue them) and a server
 * certificate made like Posten's (no DNS name; the organisation number in organizationIdentifier).
 */

x509.cryptoProvider.set(webcrypto as never);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;
const day = 86_400_000;

export interface Issued {
  readonly cert: string;
  readonly key: string;
  readonly certificate: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

const pemKey = async (key: CryptoKey) =>
  `-----BEGIN PRIVATE KEY-----\n${Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key as never)).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END PRIVATE KEY-----\n`;

let serial = 1;
const nextSerial = () => (Date.now().toString(16) + (serial++).toString(16).padStart(4, '0')).replace(/^[89a-f]/, '1');

export const makeCa = async (name: string): Promise<Issued> => {
  const keys = (await webcrypto.subtle.generateKey(rsa, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(),
    name,
    notBefore: new Date(Date.now() - day),
    notAfter: new Date(Date.now() + 365 * day),
    keys,
    signingAlgorithm: rsa,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  return { cert: `${certificate.toString('pem').trimEnd()}\n`, key: await pemKey(keys.privateKey), certificate, keys };
};

export interface IssueOptions {
  /** The subject as x509 JSON: e.g. `[{ CN: ['Posten signering'] }, { '2.5.4.97': ['NTRNO-984661185'] }]`. */
  readonly subject: x509.JsonName | string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Subject alternative names, as `{ type: 'dns', value: 'localhost' }`; none by default, as Posten's. */
  readonly altNames?: readonly x509.JsonGeneralName[];
  readonly serverAuth?: boolean;
}

export const issue = async (ca: Issued, options: IssueOptions): Promise<Issued> => {
  const keys = (await webcrypto.subtle.generateKey(rsa, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: nextSerial(),
    subject: options.subject,
    issuer: ca.certificate.subjectName,
    notBefore: options.notBefore ?? new Date(Date.now() - day),
    notAfter: options.notAfter ?? new Date(Date.now() + 30 * day),
    signingKey: ca.keys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: rsa,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.nonRepudiation, true),
      new x509.ExtendedKeyUsageExtension([options.serverAuth ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
      ...(options.altNames && options.altNames.length > 0 ? [new x509.SubjectAlternativeNameExtension([...options.altNames])] : []),
    ],
  });
  return { cert: `${certificate.toString('pem').trimEnd()}\n`, key: await pemKey(keys.privateKey), certificate, keys };
};
