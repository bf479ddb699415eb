/*
 * The child process of the SQLite crash test: appends batches for ever, and after each append has
 * returned (committed) writes one acknowledgement line to a side file. The test kills it with
 * SIGKILL at a random moment and checks that every acknowledged batch survived whole.
 *
 * Usage: node --import tsx crash-writer.ts <database> <ack file> <run> <normal|full>
 */
import { openSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from '../sqlite-event-store.js';
import { archived, sampleContractId } from '../../contract/sample-history.js';

const [database, ackFile, run, durability] = process.argv.slice(2) as [string, string, string, 'normal' | 'full'];
const acks = openSync(ackFile, 'a');
const store = await openSqliteEventStore(database, { durability });
process.stdout.write('ready\n');

for (let batch = 0; ; batch++) {
  const size = 1 + (batch % 12);
  const contractId = sampleContractId(batch % 7, 'CRASH');
  const tag = `${run}-${batch}`;
  const events = Array.from({ length: size }, (_, i) => ({ event: archived(contractId, `${tag} ${i}/${size} Sæther`), eventId: randomUUID() }));
  await store.appendToStream(`contract-${contractId}`, events);
  // Only after the append returned: this line claims the batch is committed.
  writeSync(acks, `${tag} ${size}\n`);
}
