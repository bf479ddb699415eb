import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The public Posten signering specification (digipost/signature-api-specification, Apache 2.0),
 * copied unchanged into packages/adapters/test/posten-signature-api so the tests do not depend on
 * where the repository is cloned. `specificationCopyMatchesShared` (examples.int.spec.ts) checks
 * the copy against ../shared/posten-signature-api wherever that folder can be found.
 */
export const specification = fileURLToPath(new URL('../../../test/posten-signature-api/', import.meta.url));

/** shared/posten-signature-api beside the repository, found by walking up; undefined when absent. */
export const sharedSpecification = ((): string | undefined => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'posten-signature-api');
    if (existsSync(join(candidate, 'schema'))) return candidate;
  }
  return undefined;
})();

export const portalXsd = join(specification, 'schema/xsd/portal.xsd');
export const portalExamples = join(specification, 'schema/examples/portal');

export const xmllintAvailable = spawnSync('xmllint', ['--version']).status === 0;
/** `.ci/run` sets this: there a missing xmllint is a failure, not a skip. */
export const xmllintRequired = process.env['FAGSIGN_REQUIRE_XMLLINT'] === '1';
export const skipXmllint = !xmllintAvailable && !xmllintRequired;

if (skipXmllint) {
  console.warn('SKIPPED: XSD validation with xmllint: xmllint is not installed (Debian: apt-get install libxml2-utils). Set FAGSIGN_REQUIRE_XMLLINT=1 to make this a failure.');
}

export interface Validation {
  readonly ok: boolean;
  /** xmllint's report, one line per file; it may quote the XML, so tests print it only on failure. */
  readonly report: string;
}

/** Validates each document against portal.xsd in one xmllint run. */
export const validateAgainstPortalXsd = (documents: readonly string[]): Validation => {
  if (!xmllintAvailable) throw new Error('xmllint is required (FAGSIGN_REQUIRE_XMLLINT=1) but not installed: apt-get install libxml2-utils');
  const dir = mkdtempSync(join(tmpdir(), 'fagsign-xsd-'));
  try {
    const files = documents.map((xml, i) => {
      const file = join(dir, `doc-${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    const run = spawnSync('xmllint', ['--noout', '--schema', portalXsd, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const validated = (run.stderr.match(/ validates$/gm) ?? []).length;
    return { ok: run.status === 0 && validated === documents.length, report: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
