import { zipSync } from 'fflate';
import type { SignedFile } from './xades-signature.js';

/**
 * Makes `META-INF/signatures.xml` for the other files of the bundle: `xadesBundleSigner` (a XAdES
 * signature with the county's enterprise certificate), or a county's own.
 */
export type BundleSigner = (files: readonly SignedFile[]) => Promise<Uint8Array>;

/** 1980-01-01, the earliest ZIP date: fixed, so the same files always make the same bundle. */
const zipDate = new Date(1980, 0, 1, 0, 0, 0);

/**
 * The document bundle (dokumentpakke) Posten signering expects: an ASiC-E container, as a ZIP with
 * the document, `manifest.xml` and, when a signer is given, `META-INF/signatures.xml`, in that
 * order, deflated, as Posten's clients write it. Posten's profile lists exactly these files, so
 * no `mimetype` entry and no `META-INF/manifest.xml`. ZIP by fflate.
 */
export const documentBundle = async (
  manifest: string,
  document: { readonly fileName: string; readonly bytes: Uint8Array },
  signer: BundleSigner | undefined,
): Promise<Uint8Array> => {
  const files: SignedFile[] = [
    { name: document.fileName, bytes: document.bytes },
    { name: 'manifest.xml', bytes: new TextEncoder().encode(manifest) },
  ];
  const signatures = signer === undefined ? [] : [{ name: 'META-INF/signatures.xml', bytes: await signer(files) }];
  // fflate keeps insertion order: the clients' order.
  return zipSync(Object.fromEntries([...files, ...signatures].map((f) => [f.name, [f.bytes, { level: 6, mtime: zipDate }]])));
};
