/*
 * The text rule is the stores' rule: for random text with control characters, lone surrogates and
 * huge lengths, the event codec either refuses it with a path, or every store (memory, SQLite,
 * PostgreSQL) stores what it accepted and gives it back unchanged. So a log one store holds, every
 * store holds: `fagsign copy` to PostgreSQL no longer stops at a NUL that SQLite took.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { decodeEvent, encodeEvent, type ContractEvent } from '@fagsign/domain';
import type { EventStore } from './event-store.js';
import { decideAll, sampleRegistration, archived } from './contract/sample-history.js';
import { contractIdFor, runId, storedOf } from './contract/context.js';
import { storesUnderTest } from './contract/stores-under-test.js';

const run = runId();
const stores = storesUnderTest();
const open: { name: string; store: EventStore; dispose: (() => Promise<void>) | undefined }[] = [];

beforeAll(async () => {
  for (const s of stores) {
    if (s.skipReason !== undefined) continue;
    const fixture = await s.fixture();
    open.push({ name: s.name, store: await fixture.open(`tr${run}`), dispose: fixture.dispose?.bind(fixture) });
  }
});
afterAll(async () => {
  for (const { store, dispose } of open) {
    await store.close();
    await dispose?.();
  }
});

/** Where a random text goes in a stored event: the fields a county, a company or the service fills in. */
const places: [string, (data: Record<string, any>, text: string) => void][] = [
  ['office.name', (d, s) => (d.office.name = s)],
  ['parties[0].name', (d, s) => (d.parties[0].name = s)],
  ['parties[0].mobile', (d, s) => (d.parties[0].mobile = s)],
  ['parties[1].email', (d, s) => (d.parties[1].email = s)],
  ['archiveReference', (d, s) => (d.archiveReference = s)],
];

const pieceArb = fc.oneof(
  fc.integer({ min: 0, max: 0xa0 }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u202E', '\u2066', '\uD800', '\uDFFF', '😀', 'æ', 'Ø', ' ', 'a', '9', '@', '.no', '+47'),
);
const textArb = fc.tuple(fc.array(pieceArb, { maxLength: 24 }), fc.constantFrom(1, 1, 1, 2, 40, 1_000, 300_000)).map(([pieces, times]) => pieces.join('').repeat(times));

let n = 0;

describe('the text rule across stores', () => {
  it(`every text is refused by the codec with its path, or stored and given back unchanged by ${stores.filter((s) => s.skipReason === undefined).map((s) => s.name).join(', ')}`, async () => {
    const contractId = contractIdFor(`tr${run}`, 1);
    const registered = encodeEvent(decideAll([sampleRegistration(contractId, 3)])[0]!);
    const archive = encodeEvent(archived(contractId, 'ARK-1'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...places), textArb, async ([path, place], text) => {
        const template = path === 'archiveReference' ? archive : registered;
        const data = structuredClone(template.data) as Record<string, any>;
        place(data, text);
        const decoded = decodeEvent({ ...template, data });
        if (decoded._tag === 'Left') {
          expect(decoded.left.violations.map((v) => v.path)).toContain(path);
          return;
        }
        const event: ContractEvent = decoded.right;
        const stream = `contract-${contractIdFor(`tr${run}`, ++n)}`;
        for (const { name, store } of open) {
          await store.appendToStream(stream, [{ event }]);
          const back = await store.readStream(stream);
          expect(storedOf(back.events), name).toEqual([encodeEvent(event)]);
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
