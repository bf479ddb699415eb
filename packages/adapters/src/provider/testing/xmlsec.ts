import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { specification, xmllintAvailable } from './xmllint.js';

/*
 * Checks of a signed document bundle by tools fagsign did not write: xmllint against the XAdES,
 * XMLDSig and ASiC schemas of Posten's specification, and xmlsec1 (Debian's xmlsec1) for the
 * signature and every file digest.
 */

export const xmlsec1Available = spawnSync('xmlsec1', ['--version']).status === 0;
/** `.ci/run` sets this: there a missing xmlsec1 is a failure, not a skip. */
export const xmlsec1Required = process.env['FAGSIGN_REQUIRE_XMLSEC1'] === '1';
export const skipXmlsec1 = !xmlsec1Available && !xmlsec1Required;

if (skipXmlsec1) {
  console.warn('SKIPPED: signature checks with xmlsec1: xmlsec1 is not installed (Debian: apt-get install xmlsec1). Set FAGSIGN_REQUIRE_XMLSEC1=1 to make this a failure.');
}

const thirdparty = join(specification, 'schema/xsd/thirdparty');

/** One schema that imports the three the signature uses, so xmllint checks QualifyingProperties too (ds:Object is lax). */
const signatureSchema = () =>
  `<?xml version="1.0"?><xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:fagsign:test:signatures">` +
  `<xsd:import namespace="http://www.w3.org/2000/09/xmldsig#" schemaLocation="${join(thirdparty, 'xmldsig-core-schema.xsd')}"/>` +
  `<xsd:import namespace="http://uri.etsi.org/01903/v1.3.2#" schemaLocation="${join(thirdparty, 'XAdES.xsd')}"/>` +
  `<xsd:import namespace="http://uri.etsi.org/2918/v1.2.1#" schemaLocation="${join(thirdparty, 'ts_102918v010201.xsd')}"/>` +
  `</xsd:schema>`;

export interface ToolReport {
  readonly ok: boolean;
  readonly report: string;
}

const inTempDir = <T>(work: (dir: string) => T): T => {
  const dir = mkdtempSync(join(tmpdir(), 'fagsign-xades-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** xmllint --schema over signatures.xml with the XMLDSig, XAdES and ASiC schemas. */
export const validateSignaturesXml = (xml: string | Uint8Array): ToolReport => {
  if (!xmllintAvailable) throw new Error('xmllint is required but not installed: apt-get install libxml2-utils');
  return inTempDir((dir) => {
    writeFileSync(join(dir, 'schema.xsd'), signatureSchema());
    writeFileSync(join(dir, 'signatures.xml'), xml);
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(dir, 'schema.xsd'), join(dir, 'signatures.xml')], { encoding: 'utf8' });
    return { ok: run.status === 0 && / validates$/m.test(run.stderr), report: run.stderr };
  });
};

/**
 * xmlsec1 --verify of signatures.xml, with the bundle's other files beside it (the references are
 * relative to the container's root) and only `trustedCa` trusted. SignedProperties is found by its Id.
 */
export const xmlsec1Verify = (files: Readonly<Record<string, Uint8Array>>, trustedCa: string): ToolReport => {
  if (!xmlsec1Available) throw new Error('xmlsec1 is required (FAGSIGN_REQUIRE_XMLSEC1=1) but not installed: apt-get install xmlsec1');
  return inTempDir((dir) => {
    for (const [name, bytes] of Object.entries(files)) {
      const path = join(dir, name === 'META-INF/signatures.xml' ? 'signatures.xml' : name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
    writeFileSync(join(dir, 'ca.pem'), trustedCa);
    const run = spawnSync(
      'xmlsec1',
      ['--verify', '--trusted-pem', join(dir, 'ca.pem'), '--id-attr:Id', 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties', join(dir, 'signatures.xml')],
      { encoding: 'utf8', cwd: dir },
    );
    return { ok: run.status === 0 && /^OK/m.test(run.stderr + run.stdout), report: run.stderr + run.stdout };
  });
};
