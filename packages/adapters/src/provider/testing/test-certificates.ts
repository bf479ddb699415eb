import { issue, makeCa, type Issued } from './enterprise-certificates.js';

export interface KeyPair {
  readonly cert: string;
  readonly key: string;
}

export interface TestCertificates {
  /** Stands in for Buypass/Commfides as the issuer of Posten's server certificate: what the adapter trusts. */
  readonly serverCa: KeyPair;
  /** Made like Posten's: no DNS name or IP address; Posten Norge AS's number in organizationIdentifier (NTRNO-984661185). */
  readonly server: KeyPair;
  /** The issuer of county enterprise certificates: what the fake server trusts, for TLS and for bundle signatures; `issue` more with it. */
  readonly clientCa: Issued;
  /** Stands in for the county's enterprise certificate (RSA, its number in organizationIdentifier). */
  readonly client: KeyPair;
  /** A client certificate the server does not know. */
  readonly stranger: KeyPair;
}

const pair = ({ cert, key }: Issued): KeyPair => ({ cert, key });

/** Fresh certificate authorities and certificates (RSA, @peculiar/x509) for one test run; nothing is kept on disk. */
export const makeTestCertificates = async (): Promise<TestCertificates> => {
  const serverCa = await makeCa('CN=Test Buypass Class 3 Root CA, O=Test Buypass AS, C=NO');
  const clientCa = await makeCa('CN=Test Commfides Enterprise CA, O=Test Commfides Norge AS, C=NO');
  const strangerCa = await makeCa('CN=Someone else CA');
  const server = await issue(serverCa, {
    subject: [{ C: ['NO'] }, { O: ['Posten Norge AS'] }, { '2.5.4.97': ['NTRNO-984661185'] }, { CN: ['Posten Norge AS signering'] }],
    serverAuth: true,
  });
  const client = await issue(clientCa, { subject: [{ C: ['NO'] }, { O: ['Telemark fylkeskommune'] }, { '2.5.4.97': ['NTRNO-940192226'] }, { CN: ['Telemark fylkeskommune'] }] });
  const stranger = await issue(strangerCa, { subject: 'CN=Someone else' });
  return { serverCa: pair(serverCa), server: pair(server), clientCa, client: pair(client), stranger: pair(stranger) };
};
