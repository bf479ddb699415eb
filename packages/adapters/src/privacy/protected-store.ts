import { decodeEvent, encodeEvent, type ContractEvent, type SerializedEvent } from '@fagsign/domain';
import { right } from 'fp-ts/lib/Either.js';
import type { EventSerializer, EventStore, EventSubscription, ReadAllOptions, RecordedEvent, SubscribeOptions } from '../store/event-store.js';
import { InvalidAppend, StoredEventUnreadable } from '../store/errors.js';
import { shareCheckpointStore } from '../processing/checkpoint-stores.js';
import { keyedHash } from './envelope.js';
import { KeyRing, personIndexOwner } from './key-ring.js';
import type { KeyStore } from './key-store.js';
import type { MasterKeys } from './master-keys.js';
import { decryptAndDecode, encryptEvent } from './personal-data-codec.js';
import { decodeForProjection } from '../store/serializer.js';
import { erasureLedgerStream, isErasureFact, readErasureLedger } from './erasure-ledger.js';

/*
 * An event store whose personal values are encrypted at rest, per contract. It wraps a store that
 * keeps events in their stored form as given (`storedFormSerializer`), so the stores themselves
 * know nothing of keys: every store (memory, SQLite, PostgreSQL, EventStoreDB) gets the same
 * encryption. Appends are checked to read back (encode → JSON → decode) before they are sealed.
 */

/** The inner store's serializer: the stored form passes through untouched. */
export const storedFormSerializer: EventSerializer<SerializedEvent> = {
  encode: (event) => event,
  decode: (stored) => right(stored),
  versionOf: (event) => event.schemaVersion,
};

/** An event store that seals each contract's personal values under the contract's data key on append and opens them on read; erasing the key erases the data. */
export interface ProtectedEventStore extends EventStore<ContractEvent> {
  /** The store underneath, in stored form: sealed values as they lie on disk. */
  readonly inner: EventStore<SerializedEvent>;
  readonly keyRing: KeyRing;
  /**
   * The same log read without decrypting, as `readAll({ view: 'projection' })` reads it: sealed
   * values come back as erased values of their kind (names «slettet»), which is all projections
   * need (kinds and which parties share a value); `readStream` too. Appends are refused.
   */
  sealedView(): EventStore<ContractEvent>;
}

/** True when the store encrypts personal data: use it before erasure or key rotation, which need the key ring. */
export const isProtectedStore = (store: EventStore<ContractEvent>): store is ProtectedEventStore =>
  (store as Partial<ProtectedEventStore>).keyRing instanceof KeyRing;

/** The keyed hash of a fødselsnummer in the person index. */
export const personHashOf = async (ring: KeyRing, personalId: string): Promise<string> =>
  keyedHash((await ring.dataKey(personIndexOwner, true))!.key, 'personalId', personalId, 64);

/**
 * Wraps `inner` (opened with `storedFormSerializer`). On open, the erasure ledger in the log is
 * re-applied to the key store: a key table restored from a backup taken before an erasure loses
 * the erased keys again before anything is read.
 */
export const protectPersonalData = async (
  inner: EventStore<SerializedEvent>,
  keys: KeyStore,
  master: MasterKeys,
  options: { readonly readOnly?: boolean } = {},
): Promise<ProtectedEventStore> => {
  const ring = new KeyRing(keys, master);
  for (const fact of await readErasureLedger(inner)) {
    ring.erased.add(fact.contractId);
    if (options.readOnly !== true) await keys.delete(fact.contractId);
  }

  const recorded = async (r: RecordedEvent<SerializedEvent>): Promise<RecordedEvent<ContractEvent>> => {
    const decoded = await decryptAndDecode(ring, r.event);
    if (decoded._tag === 'Left') throw new StoredEventUnreadable(r.streamName, r.streamVersion, r.checkpoint, decoded.left);
    return { ...r, event: decoded.right };
  };

  /** The projection view: no key is asked for, sealed values read as erased values of their kind. */
  const sealedRecorded = (r: RecordedEvent<SerializedEvent>): RecordedEvent<ContractEvent> => {
    const decoded = decodeForProjection(r.event);
    if (decoded._tag === 'Left') throw new StoredEventUnreadable(r.streamName, r.streamVersion, r.checkpoint, decoded.left);
    return { ...r, event: decoded.right };
  };

  /** The erasure ledger is not a reader's event: another process erased, so the key is forgotten here too. */
  const ledgerRow = (r: RecordedEvent<SerializedEvent>): boolean => {
    if (r.streamName !== erasureLedgerStream) return false;
    if (isErasureFact(r.event)) ring.erased.add(r.event.data.contractId);
    return true;
  };

  async function* decrypted(source: AsyncIterable<RecordedEvent<SerializedEvent>>, view: ReadAllOptions['view']): AsyncGenerator<RecordedEvent<ContractEvent>> {
    const sealed = view === 'projection';
    for await (const r of source) {
      if (ledgerRow(r)) continue;
      yield sealed ? sealedRecorded(r) : await recorded(r);
    }
  }

  /** Pages of the inner log, each decrypted (or, in the projection view, decoded without its personal values); an unreadable event yields the events before it, then throws. */
  async function* decryptedPages(source: AsyncIterable<readonly RecordedEvent<SerializedEvent>[]>, view: ReadAllOptions['view']): AsyncGenerator<readonly RecordedEvent<ContractEvent>[]> {
    const sealed = view === 'projection';
    for await (const rows of source) {
      const page: RecordedEvent<ContractEvent>[] = [];
      try {
        for (const r of rows) {
          if (ledgerRow(r)) continue;
          page.push(sealed ? sealedRecorded(r) : await recorded(r));
        }
      } catch (error) {
        if (page.length > 0) yield page;
        throw error;
      }
      if (page.length > 0) yield page;
    }
  }

  // The inner store keeps the stored form, which both views read alike: the view is applied here.
  const readAll = (options: ReadAllOptions = {}): AsyncIterable<RecordedEvent<ContractEvent>> => decrypted(inner.readAll({ ...options, view: 'full' }), options.view);
  const readAllPages = (options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent<ContractEvent>[]> =>
    decryptedPages(inner.readAllPages({ ...options, view: 'full' }), options.view);
  const subscribe = (options: SubscribeOptions = {}): EventSubscription<ContractEvent> => {
    const subscription = inner.subscribe({ ...options, view: 'full' });
    return { [Symbol.asyncIterator]: () => decrypted(subscription, options.view)[Symbol.asyncIterator](), close: () => subscription.close() };
  };

  const sealedView = (): EventStore<ContractEvent> => {
    const view: EventStore<ContractEvent> = {
      kind: inner.kind,
      appendToStream: async (streamName) => {
        throw new InvalidAppend(streamName, 'the sealed view of a store is read-only');
      },
      async readStream(streamName, options) {
        const result = await inner.readStream(streamName, options);
        return { currentVersion: result.currentVersion, events: result.events.map(sealedRecorded) };
      },
      readAll: (options) => readAll({ ...options, view: 'projection' }),
      readAllPages: (options) => readAllPages({ ...options, view: 'projection' }),
      subscribe: (options) => subscribe({ ...options, view: 'projection' }),
      loadProjection: (name) => inner.loadProjection(name),
      saveProjection: (name, snapshot) => inner.saveProjection(name, snapshot),
      close: async () => undefined,
    };
    shareCheckpointStore(view, inner);
    return view;
  };

  const store: ProtectedEventStore = {
    kind: inner.kind,
    inner,
    keyRing: ring,
    sealedView,
    async appendToStream(streamName, events, options) {
      const sealed = [];
      for (let i = 0; i < events.length; i++) {
        const { event, eventId } = events[i]!;
        readsBack(streamName, i, event);
        const stored = await encryptEvent(ring, event);
        await indexPeople(ring, event);
        sealed.push(eventId === undefined ? { event: stored } : { event: stored, eventId });
      }
      return inner.appendToStream(streamName, sealed, options);
    },
    async readStream(streamName, options) {
      const result = await inner.readStream(streamName, options);
      const events = [];
      for (const r of result.events) events.push(await recorded(r));
      return { currentVersion: result.currentVersion, events };
    },
    readAll,
    readAllPages,
    subscribe,
    loadProjection: (name) => inner.loadProjection(name),
    saveProjection: (name, snapshot) => inner.saveProjection(name, snapshot),
    async close() {
      await inner.close();
      await keys.close();
    },
  };
  // the runner's checkpoint and lease in the inner store's table: one lease for every process on the database
  shareCheckpointStore(store, inner);
  return store;
};

/** The stores' rule, kept here where the plain form still exists: an event that does not read back is refused. */
const readsBack = (streamName: string, i: number, event: ContractEvent): void => {
  let ok = false;
  try {
    const plain = encodeEvent(event);
    ok = decodeEvent({ ...plain, data: JSON.parse(JSON.stringify(plain.data)) })._tag === 'Right';
  } catch {
    ok = false;
  }
  if (!ok) throw new InvalidAppend(streamName, `event ${i + 1} does not read back as the event given`);
};

const indexPeople = async (ring: KeyRing, event: ContractEvent): Promise<void> => {
  const ids =
    event.type === 'ContractRegistered'
      ? event.data.parties.map((p) => p.personalId)
      : event.type === 'ContactDataCorrected'
        ? [event.data.changes.personalId]
        : [];
  for (const id of ids) {
    if (id === undefined || id.erased) continue;
    await ring.store.indexPerson(await personHashOf(ring, id.reveal()), event.data.contractId);
  }
};
