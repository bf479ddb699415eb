import type { ZipEntry } from './zip.js';
import { zip } from './zip.js';

/**
 * Makes `META-INF/signatures.xml`: a XAdES signature (ETSI TS 103 171, B-level) over every other
 * file of the bundle, with the sender's enterprise certificate. fagsign does not implement one
 * (see the README); a county plugs in its own, or a signing service's.
 */
export type BundleSigner = (files: readonly ZipEntry[]) => Promise<Uint8Array>;

/**
 * The document bundle (dokumentpakke) Posten signering expects: an ASiC-E container, as a ZIP with
 * the document, `manifest.xml` and, when a signer is given, `META-INF/signatures.xml`. Posten's
 * profile lists exactly these files, so no `mimetype` entry and no `META-INF/manifest.xml`.
 */
export const documentBundle = async (
  manifest: string,
  document: { readonly fileName: string; readonly bytes: Uint8Array },
  signer: BundleSigner | undefined,
): Promise<Uint8Array> => {
  const files: ZipEntry[] = [
    { name: document.fileName, bytes: document.bytes },
    { name: 'manifest.xml', bytes: new TextEncoder().encode(manifest) },
  ];
  const signatures = signer === undefined ? [] : [{ name: 'META-INF/signatures.xml', bytes: await signer(files) }];
  return zip([...files, ...signatures]);
};
