import { XMLParser } from 'fast-xml-parser';
import { parseInstant, type Instant } from '@fagsign/domain';
import { ProviderError } from '../errors/provider-error.js';
import { ReportedIdentifier, type SignerIdentification } from './reported-identifier.js';

/*
 * Reading what Posten signering sends back. Values stay text (a job id is a long, a fødselsnummer
 * may start with 0), namespaces are dropped, and repeatable elements are always arrays. Anything
 * unreadable is a `ProviderError` that names the element, never its content.
 */

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'signature' || name === 'signer' || name === 'document',
});

type Node = Record<string, unknown>;

export const unreadable = (what: string): ProviderError => new ProviderError('unreadable-answer', false, `The signing service's answer has no readable ${what}`);

export const parseXml = (xml: string, root: string): Node => {
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch {
    throw unreadable(root);
  }
  const node = doc[root];
  if (node === undefined || node === null || typeof node !== 'object') {
    // An element with no content parses as '' (a request with neither reference nor queue).
    if (node === '') return {};
    throw unreadable(root);
  }
  return node as Node;
};

export const textOf = (node: unknown): string | undefined => {
  if (typeof node === 'string') return node;
  if (node !== null && typeof node === 'object' && '#text' in node) return String((node as Node)['#text']);
  return undefined;
};

export const attr = (node: unknown, name: string): string | undefined =>
  node !== null && typeof node === 'object' ? ((node as Node)[`@${name}`] as string | undefined) : undefined;

export const required = (node: Node, name: string): string => {
  const value = textOf(node[name]);
  if (value === undefined || value === '') throw unreadable(name);
  return value;
};

export const optional = (node: Node, name: string): string | undefined => {
  const value = textOf(node[name]);
  return value === undefined || value === '' ? undefined : value;
};

export const instantFrom = (text: string | undefined, what: string): Instant => {
  const parsed = text === undefined ? { rule: '' } : parseInstant(text);
  if (typeof parsed !== 'string') throw unreadable(what);
  return parsed;
};

export const identificationOf = (node: Node, contactElement: string): SignerIdentification => {
  const pin = optional(node, 'personal-identification-number');
  if (pin !== undefined) return { kind: 'personal-id', personalId: new ReportedIdentifier(pin) };
  const contact = node[contactElement];
  const email = attr((contact as Node | undefined)?.['email'], 'address');
  const sms = attr((contact as Node | undefined)?.['sms'], 'number');
  return { kind: 'contact', email: email === undefined ? undefined : new ReportedIdentifier(email), sms: sms === undefined ? undefined : new ReportedIdentifier(sms) };
};

/** A `<error>` body's code, only when it looks like a code: the message may echo personal data. */
export const errorCodeOf = (xml: string): string | undefined => {
  try {
    const code = optional(parseXml(xml, 'error'), 'error-code');
    // A code is a word like SIGNATURE_JOB_NOT_FOUND. A run of five or more digits may be a
    // fødselsnummer, a mobile number or an organisation number echoed back: never pass it on.
    return code !== undefined && /^[A-Za-z0-9_.-]{1,60}$/.test(code) && !/\d{5}/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
};
