import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { zip } from './zip.js';
import { readStoredZip } from '../testing/unzip.js';

const unzipAvailable = spawnSync('unzip', ['-v']).status === 0;
if (!unzipAvailable) console.warn('SKIPPED: checking bundles with Info-ZIP unzip: unzip is not installed (apt-get install unzip)');

const entriesArb = fc.uniqueArray(
  fc.record({ name: fc.stringMatching(/^[a-zæøå0-9_-]{1,20}(\.(pdf|xml))?$/), bytes: fc.uint8Array({ maxLength: 3000 }) }),
  { minLength: 1, maxLength: 5, selector: (e) => e.name },
);

describe('zip', () => {
  it('writes every entry back exactly, with its CRC-32', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const read = readStoredZip(zip(entries));
        expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name));
        read.forEach((e, i) => {
          expect(Buffer.from(e.bytes).equals(Buffer.from(entries[i]!.bytes))).toBe(true);
          expect(e.crc).toBe(zlibCrc32(entries[i]!.bytes));
        });
      }),
    );
  });

  it('gives the same bytes for the same files (no timestamps)', () => {
    const files = [{ name: 'a.pdf', bytes: new Uint8Array([1, 2, 3]) }];
    expect(Buffer.from(zip(files)).equals(Buffer.from(zip(files)))).toBe(true);
  });

  it.skipIf(!unzipAvailable)('is a ZIP that Info-ZIP unzip tests as sound, UTF-8 names and META-INF folder included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fagsign-zip-'));
    try {
      const file = join(dir, 'bundle.asice');
      writeFileSync(file, zip([{ name: 'LK-1.pdf', bytes: new Uint8Array(500).fill(7) }, { name: 'manifest.xml', bytes: new TextEncoder().encode('<m>æøå</m>') }, { name: 'META-INF/signatures.xml', bytes: new Uint8Array([60, 62]) }]));
      const run = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/No errors detected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
