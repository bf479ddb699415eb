// fagsign in one page: register a contract, send it for signing, let the workflow runner drive it
// to the end against the simulated signing service, and read the status report.
// (The README's quick start is this file; CI runs it with plain node against the built packages.)
import { DateTime } from 'luxon';
import { decodeCommand, preflight, defaultPolicy, replay, contractStreamName } from '@fagsign/domain';
import {
  openEventStore, handle, createWorkflowRunner, createSimulatedProvider, manualClock,
  simulatedNotifier, simulatedArchive, simulatedVigo, catchUpProjection,
} from '@fagsign/adapters';
import { contractsProjection, statusReport, statusSheet, renderTable } from '@fagsign/projections';

const store = await openEventStore('memory:'); // 'sqlite:./fagsign.db' in production, or postgres://…
const clock = manualClock('2026-08-03T07:00:00.000Z');
const now = () => DateTime.fromISO(clock.now(), { zone: 'Europe/Oslo' });

// 1. Register the contract: plain JSON from Vigo, checked field by field by fagsign.
const registration = decodeCommand({
  type: 'RegisterContract',
  contractId: 'LK-2026-000001',
  county: 'Telemark',
  contractType: 'laerekontrakt',
  startDate: '2026-09-01',
  office: { orgNumber: '974760673', name: 'Opplæringskontoret for Bilfag', kind: 'opplaeringskontor' },
  parties: [
    { role: 'laerling', name: 'Ola Nordmann', personalId: '14050750028', mobile: '912 34 567' },
    { role: 'faglig-leder', name: 'Kari Fagleder', email: 'kari.fagleder@bilverksted.no' },
    { role: 'daglig-leder', name: 'Per Daglig', email: 'per.daglig@bilverksted.no' },
  ],
});
if (registration._tag === 'Left') throw registration.left; // an InvalidCommand naming each field and rule
const contractId = registration.right.contractId;
const { state } = await handle(store, contractId, registration.right, { now: now() });

// 2. The pre-flight check finds every problem before an order goes out (none here).
console.log('Pre-flight problems:', preflight(state.contract, defaultPolicy, now()).length);

// 3. Send it for signing: the order is recorded; the runner takes it to the signing service.
await handle(store, contractId, { type: 'CreateOrder' }, { now: now() });

const provider = createSimulatedProvider({ seed: 1, now: clock.now });
const runner = createWorkflowRunner({
  store, provider,
  notifier: simulatedNotifier({ now: clock.now }),
  archive: simulatedArchive(),
  vigo: simulatedVigo(),
});
for (let hour = 0; hour < 24 * 7; hour++) {
  await runner.runOnce(now()); // in production: runner.start() on the real clock
  clock.advanceBy({ hours: 1 });
}

// 4. The status report, signing status first.
const { events } = await store.readStream(contractStreamName(contractId));
console.log('Contract status:', replay(events.map((e) => e.event)).status);
const report = statusReport((await catchUpProjection(store, contractsProjection)).state, {}, clock.now());
console.log(renderTable(statusSheet(report, 'en'), 'en'));
await store.close();
