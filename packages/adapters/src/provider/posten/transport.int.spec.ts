import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { JsonName } from '@peculiar/x509';
import { issue, makeCa, type Issued } from '../testing/enterprise-certificates.js';
import { carriesOrganizationNumber, certificateAuthorityProblem, httpsTransport, postenOrganizationNumber } from './transport.js';

/*
 * The server checked as Posten's own clients check it: only the configured certificate
 * authorities, no host name, and Posten Norge AS's organisation number in the right field.
 */

let postenCa: Issued;
let otherCa: Issued;
let client: Issued;
const servers: Server[] = [];

beforeAll(async () => {
  postenCa = await makeCa('CN=Test Buypass Class 3 Root CA, O=Test Buypass AS, C=NO');
  otherCa = await makeCa('CN=Some public CA');
  client = await issue(otherCa, { subject: 'CN=Telemark fylkeskommune' });
});
afterAll(() => servers.forEach((s) => s.close()));

const serve = async (ca: Issued, subject: JsonName | string, altNames: { type: 'dns' | 'ip'; value: string }[] = []): Promise<string> => {
  const cert = await issue(ca, { subject, serverAuth: true, altNames });
  const server = createServer({ cert: cert.cert, key: cert.key }, (_req, res) => res.end('ok'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
};

const get = (url: string) => httpsTransport({ cert: client.cert, key: client.key, ca: postenCa.cert, timeoutMs: 3000 }).send({ method: 'GET', url, headers: {} });
const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as Record<string, unknown>);

describe("the signing service's certificate, checked as Posten's clients check it", () => {
  it('accepts a certificate made like Posten\'s: no DNS name, the number in organizationIdentifier, reached by address', async () => {
    const url = await serve(postenCa, [{ C: ['NO'] }, { O: ['Posten Norge AS'] }, { '2.5.4.97': [`NTRNO-${postenOrganizationNumber}`] }, { CN: ['Posten Norge AS'] }]);
    expect((await get(url)).status).toBe(200);
  });

  it('refuses a certificate that has the number only as part of another field, even with the right host name', async () => {
    const url = await serve(postenCa, [{ O: [`Posten Norge AS ${postenOrganizationNumber}`] }, { CN: ['localhost'] }], [{ type: 'ip', value: '127.0.0.1' }, { type: 'dns', value: 'localhost' }]);
    expect(await caught(get(url))).toMatchObject({ code: 'tls', transient: false, message: expect.stringContaining('ERR_TLS_CERT_ORGANIZATION') });
  });

  it('refuses the right subject from a certificate authority it was not told to trust', async () => {
    const url = await serve(otherCa, [{ '2.5.4.97': [`NTRNO-${postenOrganizationNumber}`] }, { CN: ['Posten Norge AS'] }]);
    expect(await caught(get(url))).toMatchObject({ code: 'tls', transient: false });
  });

  it("refuses to start without Posten's CA roots or without the county's certificate, rather than fall back to node's defaults", () => {
    expect(() => httpsTransport({ cert: client.cert, key: client.key, ca: [] })).toThrow(/ca is required/);
    // node takes these without a word: '' falls back to its own roots, the others trust nothing
    expect(() => httpsTransport({ cert: client.cert, key: client.key, ca: '' })).toThrow(/ca holds no PEM certificate/);
    expect(() => httpsTransport({ cert: client.cert, key: client.key, ca: Buffer.from('not a certificate') })).toThrow(/ca holds no PEM certificate/);
    expect(() => httpsTransport({ cert: client.cert, key: client.key, ca: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' })).toThrow(/not a readable certificate/);
    expect(() => httpsTransport({ cert: client.cert, key: client.key, ca: client.cert })).toThrow(/not a certificate authority's/);
    expect(certificateAuthorityProblem([postenCa.cert, otherCa.cert])).toBeUndefined();
    expect(() => httpsTransport({ ca: postenCa.cert })).toThrow(/credentials, or cert and key/);
  });

  it.each<[string, boolean, JsonName]>([
    ['organizationIdentifier with NTRNO-', true, [{ '2.5.4.97': ['NTRNO-984661185'] }]],
    ['organizationIdentifier, bare', true, [{ '2.5.4.97': ['984661185'] }]],
    ['organizationIdentifier with a longer number', false, [{ '2.5.4.97': ['NTRNO-9846611850'] }]],
    ['another organizationIdentifier, even with the number at the start of the CN', false, [{ '2.5.4.97': ['NTRNO-974760673'] }, { CN: ['984661185 Posten'] }]],
    ['SERIALNUMBER, exactly', true, [{ '2.5.4.5': ['984661185'] }, { CN: ['Posten Norge AS'] }]],
    ['SERIALNUMBER with more around it', false, [{ '2.5.4.5': ['ORG984661185'] }]],
    ['a CN that starts with the number', true, [{ CN: ['984661185 Posten Norge AS'] }]],
    ['a CN that holds the number later', false, [{ CN: ['Posten Norge AS 984661185'] }]],
    ['the number only in O', false, [{ O: ['984661185'] }, { CN: ['Posten Norge AS'] }]],
  ])('%s: accepted %s', async (_what, accepted, subject) => {
    const cert = await issue(postenCa, { subject });
    expect(carriesOrganizationNumber(new Uint8Array(cert.certificate.rawData), postenOrganizationNumber)).toBe(accepted);
  });
});
