import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidAppend } from '../errors.js';
import { appendSize, checkAppendSize } from './esdb-append.js';
import { sizeOnDisk } from './fake/fake-esdb-log.js';

/*
 * The store refuses an append before sending it when the server would refuse it: both must count
 * the same bytes, whatever the text (æøå and emoji take more bytes than characters).
 */

const text = fc.string({ unit: fc.constantFrom('a', 'Æ', 'ø', 'å', '«', '🚀', '"', '\\'), maxLength: 200 });
const event = fc.record({ type: fc.stringMatching(/^[A-Za-zÆØÅæøå]{1,30}$/), data: text, metadata: fc.option(fc.record({ schemaVersion: fc.nat(9), $correlationId: text }), { nil: undefined }) });

describe('EventStoreDB append size', () => {
  it('the store counts every append exactly as the server counts it', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), (events) => {
        const sized = events.map((e) => ({ type: e.type, json: JSON.stringify(e.data), metadata: e.metadata }));
        const server = sized.reduce(
          (sum, e) =>
            sum +
            sizeOnDisk({ id: '', contentType: 'application/json', type: e.type, data: Buffer.from(e.json), metadata: e.metadata === undefined ? new Uint8Array() : Buffer.from(JSON.stringify(e.metadata)) }),
          0,
        );
        expect(appendSize(sized)).toBe(server);
      }),
    );
  });

  it('refuses exactly the appends over the limit, naming the limit', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 10 }), fc.integer({ min: 1, max: 4_000 }), (events, limit) => {
        const sized = events.map((e) => ({ type: e.type, json: JSON.stringify(e.data), metadata: e.metadata }));
        const refused = (() => {
          try {
            checkAppendSize('contract-LK-2026-000001', sized, limit);
            return undefined;
          } catch (error) {
            return error;
          }
        })();
        expect(refused === undefined).toBe(appendSize(sized) <= limit);
        if (refused !== undefined) {
          expect(refused).toBeInstanceOf(InvalidAppend);
          expect((refused as Error).message).toContain(`maximum append size of ${limit} bytes`);
        }
      }),
    );
  });
});
