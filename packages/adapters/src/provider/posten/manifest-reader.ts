import type { SignerIdentification } from './reported-identifier.js';
import { attr, identificationOf, optional, parseXml, required, textOf, unreadable } from './posten-xml.js';

/*
 * Reads a portal manifest back: the examples in the specification (current and legacy form), and
 * our own manifests in tests, so what we build can be compared with what we meant.
 */

export interface ManifestSigner {
  readonly order: number | undefined;
  readonly identification: SignerIdentification;
  readonly lookup: { readonly email: boolean; readonly sms: boolean } | undefined;
  readonly onBehalfOf: string | undefined;
  readonly signatureType: string | undefined;
}

export interface Manifest {
  readonly signers: readonly ManifestSigner[];
  readonly sender: string;
  readonly title: string;
  readonly nonSensitiveTitle: string | undefined;
  readonly description: string | undefined;
  readonly documents: readonly { readonly href: string; readonly mime: string; readonly title: string }[];
  readonly availableSeconds: number | undefined;
  readonly activationTime: string | undefined;
  /** The deprecated form: one `<document>` with the titles on it. */
  readonly legacy: boolean;
}

type Node = Record<string, unknown>;

export const parseManifest = (xml: string): Manifest => {
  const root = parseXml(xml, 'portal-signature-job-manifest');
  const signers = ((root['signers'] as Node | undefined)?.['signer'] as Node[] | undefined) ?? [];
  const legacyDocument = (root['document'] as Node[] | undefined)?.[0];
  const titled: Node = legacyDocument ?? root;
  const documents = legacyDocument !== undefined ? [legacyDocument] : (((root['documents'] as Node | undefined)?.['document'] as Node[] | undefined) ?? []);
  const availability = root['availability'] as Node | undefined;
  const seconds = availability === undefined ? undefined : optional(availability, 'available-seconds');
  const order = (s: Node) => attr(s, 'order');
  return {
    signers: signers.map((s) => {
      const lookup = s['notifications-using-lookup'] as Node | string | undefined;
      return {
        order: order(s) === undefined ? undefined : Number(order(s)),
        identification: identificationOf(s, 'notifications'),
        lookup: lookup === undefined ? undefined : { email: typeof lookup === 'object' && 'email' in lookup, sms: typeof lookup === 'object' && 'sms' in lookup },
        onBehalfOf: optional(s, 'on-behalf-of'),
        signatureType: optional(s, 'signature-type'),
      };
    }),
    sender: required((root['sender'] as Node | undefined) ?? {}, 'organization-number'),
    title: required(titled, 'title'),
    nonSensitiveTitle: optional(titled, 'nonsensitive-title'),
    description: optional(titled, 'description'),
    documents: documents.map((d) => {
      const href = attr(d, 'href');
      const mime = attr(d, 'mime');
      if (href === undefined || mime === undefined) throw unreadable('document');
      return { href, mime, title: textOf(d['title']) ?? '' };
    }),
    availableSeconds: seconds === undefined ? undefined : Number(seconds),
    activationTime: availability === undefined ? undefined : optional(availability, 'activation-time'),
    legacy: legacyDocument !== undefined,
  };
};
