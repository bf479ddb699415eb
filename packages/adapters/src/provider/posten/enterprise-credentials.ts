import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { EnterpriseCertificateError } from '../errors/enterprise-certificate-error.js';

/**
 * The county's enterprise certificate (virksomhetssertifikat), read once: the same key and chain
 * sign the document bundle (XAdES) and authenticate the mutual-TLS connection, as in Posten's
 * own clients.
 */
export interface EnterpriseCredentials {
  readonly privateKey: KeyObject;
  /** The enterprise certificate first, then the certificates that issued it. */
  readonly chain: readonly X509Certificate[];
  /** PEM, for node's TLS options. */
  readonly tls: { readonly key: string; readonly cert: string };
}

export type CredentialSource =
  /** A PKCS#12 file (.p12/.pfx), as Buypass and Commfides deliver it, and its passphrase. */
  | { readonly pkcs12: Uint8Array; readonly passphrase: string }
  /** A PEM private key (optionally encrypted) and the PEM certificate chain, enterprise certificate first. */
  | { readonly key: string; readonly chain: string; readonly passphrase?: string };

const pemBlocks = (pem: string): string[] => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

const fromPkcs12 = (bytes: Uint8Array, passphrase: string): { key: string; certificates: string[] } => {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
  const p12 = forge.pkcs12.pkcs12FromAsn1(asn1, passphrase);
  const keyBags = [...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []), ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? [])];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const key = keyBags.find((bag) => bag.key !== undefined)?.key;
  if (key === undefined) throw new EnterpriseCertificateError('unreadable');
  return { key: forge.pki.privateKeyToPem(key), certificates: certBags.flatMap((bag) => (bag.cert ? [forge.pki.certificateToPem(bag.cert)] : [])) };
};

/** Puts the certificate that holds the key first, then its issuers in order; others after. */
const ordered = (certificates: readonly X509Certificate[], key: KeyObject): X509Certificate[] => {
  const leaf = certificates.find((c) => c.checkPrivateKey(key));
  if (leaf === undefined) throw new EnterpriseCertificateError(certificates.length === 0 ? 'no-certificate' : 'key-mismatch');
  const chain = [leaf];
  const rest = certificates.filter((c) => c !== leaf);
  for (let next = rest.find((c) => chain.at(-1)!.checkIssued(c)); next !== undefined && !chain.includes(next); next = rest.find((c) => chain.at(-1)!.checkIssued(c))) chain.push(next);
  return [...chain, ...rest.filter((c) => !chain.includes(c))];
};

/** Reads the credentials; a wrong passphrase, a key that is not the certificate's or no RSA key is an `EnterpriseCertificateError`. */
export const enterpriseCredentials = (source: CredentialSource): EnterpriseCredentials => {
  let keyPem: string;
  let certificates: string[];
  let privateKey: KeyObject;
  try {
    if ('pkcs12' in source) ({ key: keyPem, certificates } = fromPkcs12(source.pkcs12, source.passphrase));
    else {
      keyPem = source.key;
      certificates = pemBlocks(source.chain);
    }
    privateKey = createPrivateKey({ key: keyPem, format: 'pem', ...('passphrase' in source && source.passphrase !== undefined ? { passphrase: source.passphrase } : {}) });
  } catch (error) {
    if (error instanceof EnterpriseCertificateError) throw error;
    // The library's message may quote the file; only the kind of problem leaves this function.
    throw new EnterpriseCertificateError('unreadable');
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw new EnterpriseCertificateError('not-rsa');
  const chain = ordered(certificates.map((pem) => new X509Certificate(pem)), privateKey);
  return {
    privateKey,
    chain,
    tls: { key: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), cert: chain.map((c) => c.toString()).join('') },
  };
};

/** Throws `expired` or `not-yet-valid` unless the enterprise certificate is valid at `at`. */
export const assertValidAt = (credentials: EnterpriseCredentials, at: Date): void => {
  const leaf = credentials.chain[0]!;
  if (at.getTime() > Date.parse(leaf.validTo)) throw new EnterpriseCertificateError('expired');
  if (at.getTime() < Date.parse(leaf.validFrom)) throw new EnterpriseCertificateError('not-yet-valid');
};
