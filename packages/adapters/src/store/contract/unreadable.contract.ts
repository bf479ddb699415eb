import { encodeEvent, EventDecodeError, type ContractEvent } from '@fagsign/domain';
import { describe, expect, it } from 'vitest';
import { StoredEventUnreadable } from '../errors.js';
import type { RecordedEvent } from '../event-store.js';
import { decideAll, sampleRegistration, vigoUpdated } from './sample-history.js';
import { collect, type RawStoredEvent, type SuiteContext } from './context.js';

/** A registration whose apprentice's fødselsnummer fails its check digits, stored as the bad writer left it. */
const badRegistration = (ctx: SuiteContext, tag: string): { raw: RawStoredEvent; personal: string[] } => {
  const stored = encodeEvent(decideAll([sampleRegistration(ctx.contractId(tag, 1), 3)])[0]!) as { data: { parties: Record<string, unknown>[] } };
  const parties = stored.data.parties;
  const personal = ['12345678901', String(parties[0]!.mobile), String(parties[1]!.email)];
  parties[0]!.personalId = personal[0];
  return { raw: { eventType: 'ContractRegistered', schemaVersion: 1, json: JSON.stringify(stored.data) }, personal };
};

const corruptions: { name: string; raw: (ctx: SuiteContext, tag: string) => { raw: RawStoredEvent; personal: string[] } }[] = [
  { name: 'an unknown event type', raw: () => ({ raw: { eventType: 'ContractTeleported', schemaVersion: 1, json: '{"to":"Mars"}' }, personal: [] }) },
  { name: 'data that breaks its codec (a fødselsnummer with wrong check digits)', raw: badRegistration },
  // an event without personal data, which the projection view checks with the codecs' guards
  { name: 'an event whose time breaks its codec', raw: (ctx, tag) => ({ raw: { eventType: 'VigoUpdated', schemaVersion: 1, json: JSON.stringify({ ...vigoUpdated(ctx.contractId(tag, 1)).data, at: '2026-02-30T07:00:00.000Z' }) }, personal: [] }) },
  { name: 'a schema version from the future', raw: (ctx, tag) => ({ raw: { eventType: 'VigoUpdated', schemaVersion: 9, json: JSON.stringify(vigoUpdated(ctx.contractId(tag, 1)).data) }, personal: [] }) },
];

/** Reads the log until it fails; returns what came before the failure and the failure. */
const readUntilFailure = async (iterable: AsyncIterable<RecordedEvent<ContractEvent>>): Promise<{ before: RecordedEvent[]; error: unknown }> => {
  const before: RecordedEvent[] = [];
  try {
    for await (const e of iterable) before.push(e);
  } catch (error) {
    return { before, error };
  }
  return { before, error: undefined };
};

export const unreadableContract = (ctx: SuiteContext): void => {
  describe('unreadable stored events', () => {
    for (const [n, corruption] of corruptions.entries()) {
      it(`reports ${corruption.name} as StoredEventUnreadable naming the stream, version and checkpoint, never skipping it`, async () => {
        const tag = `u${n}`;
        const store = await ctx.open(tag);
        const stream = ctx.stream(tag, 1);
        const good = (i: number) => ({ event: vigoUpdated(ctx.contractId(tag, 1), i) });
        await store.appendToStream(stream, [good(1), good(2)]);
        const { raw, personal } = corruption.raw(ctx, tag);
        await ctx.fixture.writeRaw(store, stream, raw);
        await store.appendToStream(stream, [good(4)], { expectedVersion: 3 });

        const fromStream = await store.readStream(stream).then(() => undefined, (e: unknown) => e);
        expect(fromStream).toBeInstanceOf(StoredEventUnreadable);
        expect(fromStream).toMatchObject({ code: 'stored-event-unreadable', streamName: stream, streamVersion: 3 });
        const error = fromStream as StoredEventUnreadable;
        expect(error.decodeError).toBeInstanceOf(EventDecodeError);
        for (const value of personal) expect(error.message).not.toContain(value.replace(/^\+47/, ''));

        for (const view of ['full', 'projection'] as const) {
          const { before, error: fromLog } = await readUntilFailure(store.readAll({ batchSize: 2, view }));
          expect(before.map((e) => e.streamVersion)).toEqual([1, 2]);
          expect(fromLog).toBeInstanceOf(StoredEventUnreadable);
          expect((fromLog as StoredEventUnreadable).checkpoint).toBe(error.checkpoint);
          expect((fromLog as StoredEventUnreadable).decodeError).toBeInstanceOf(EventDecodeError);
          // a reader that decides to step over it can: the checkpoint in the error resumes right after
          const after = await collect(() => store.readAll({ after: error.checkpoint, view }));
          expect(after.map((e) => e.streamVersion)).toEqual([4]);
        }
      });
    }

    it('lifts an old schema version through the upcasters and keeps the version it was written with', async () => {
      const store = await ctx.open('u9');
      const contractId = ctx.contractId('u9', 1);
      const v1 = { contractId, at: '2026-08-03T07:00:00.000Z', orderId: `${contractId}/1`, validityDays: 7, signers: ['laerling', 'faglig-leder'] };
      await ctx.fixture.writeRaw(store, ctx.stream('u9', 1), { eventType: 'OrderCreated', schemaVersion: 1, json: JSON.stringify(v1) });
      const [read] = (await store.readStream(ctx.stream('u9', 1))).events;
      expect(read!.metadata.schemaVersion).toBe(1);
      expect(read!.event.type).toBe('OrderCreated');
      expect(read!.event.data).toMatchObject({ orderId: `${contractId}/1`, attempt: 1, remindAt: null, signers: [{ role: 'laerling', channel: 'sms', group: 1 }, { role: 'faglig-leder', channel: 'email', group: 1 }] });
      // the projection view lifts it too
      const [projected] = await collect(() => store.readAll({ view: 'projection' }));
      expect(projected!.metadata.schemaVersion).toBe(1);
      expect(projected!.event).toEqual(read!.event);
    });
  });
};
