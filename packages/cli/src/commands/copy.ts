import { type EventStore, type RecordedEvent } from '@fagsign/adapters';
import { openConfiguredStore as openEventStore } from '../privacy/open-store.js';
import { copyErasures } from '../privacy/copy-erasures.js';
import type { ContractEvent } from '@fagsign/domain';
import { parseCommandLine, required } from '../args.js';
import { progressBar } from '../progress-bar.js';
import type { Command } from './command.js';
import { assertStoreFileExists } from '../store.js';

const usage = `Usage: fagsign copy --from URL --to URL

  Copies every event, in global order, from one event store to another: how a county moves from
  the embedded file to PostgreSQL or EventStoreDB when it outgrows one machine. Each event keeps
  its id, stream, version, correlation and causation ids; the target records its own time. A
  copy that stops half-way can be run again: events already copied are skipped by their ids.
  Stop the workflow runner first, run it against the new store afterwards, and rebuild the
  projections there ('fagsign rebuild --store URL').

  With FAGSIGN_MASTER_KEYS set, the target stores every personal value encrypted under its
  contract's key (a plain log is encrypted as it is copied, ids and order kept), and contracts
  erased in the source are erased in the target too.`;

const options = {
  from: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Appends a stream's run of events with the version they had, so the target's streams are the
 * source's. Returns how many it wrote: 0 when the target held them already (an append of stored
 * ids is a no-op, and says so by returning no checkpoint).
 */
const flush = async (target: EventStore<ContractEvent>, batch: RecordedEvent<ContractEvent>[]): Promise<number> => {
  const first = batch[0]!;
  const { correlationId, causationId } = first.metadata;
  const result = await target.appendToStream(
    first.streamName,
    batch.map((e) => ({ event: e.event, eventId: e.metadata.eventId })),
    {
      // the version the stream had before these events: the target's streams end up the source's
      expectedVersion: first.streamVersion - 1,
      ...(correlationId === undefined ? {} : { correlationId }),
      ...(causationId === undefined ? {} : { causationId }),
    },
  );
  return result.lastCheckpoint === undefined ? 0 : batch.length;
};

const sameMetadata = (a: RecordedEvent<ContractEvent>, b: RecordedEvent<ContractEvent>) =>
  a.streamName === b.streamName && a.metadata.correlationId === b.metadata.correlationId && a.metadata.causationId === b.metadata.causationId;

export const copyCommand: Command = {
  summary: 'copy the event log to another store (moving from SQLite to PostgreSQL or EventStoreDB)',
  usage,
  async run(args, io) {
    const { values } = parseCommandLine('copy', args, options);
    if (values.help === true) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const from = required('from', values.from, 'sqlite:fagsign.db');
    assertStoreFileExists(from);
    const source = await openEventStore(from, { readOnly: true });
    try {
      const target = await openEventStore(required('to', values.to, 'postgres://fagsign@db/fagsign'));
      try {
        const bar = progressBar(io.stderr);
        const started = performance.now();
        let read = 0;
        let copied = 0;
        let batch: RecordedEvent<ContractEvent>[] = [];
        for await (const recorded of source.readAll({ batchSize: 1000 })) {
          // events appended together (one command) go together, so the target's batches match the source's
          if (batch.length > 0 && (!sameMetadata(batch[0]!, recorded) || batch.length >= 100)) {
            copied += await flush(target, batch);
            batch = [];
          }
          batch.push(recorded);
          read++;
          if (read % 1000 === 0 && bar.update !== undefined) {
            const elapsedMs = performance.now() - started;
            bar.update({ projection: 'copy', events: read, elapsedMs, eventsPerSecond: (read * 1000) / elapsedMs, expectedEvents: undefined, etaMs: undefined, done: false });
          }
        }
        if (batch.length > 0) copied += await flush(target, batch);
        await copyErasures(source, target, io.now());
        bar.end();
        // what was written, not what was read: a second run says 0
        io.stdout.write(`${copied} events copied${read > copied ? ` (${read - copied} were there already)` : ''}.\n`);
        return 0;
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  },
};
