// A county system with Promises: contracts from Vigo, the pre-flight check and its messages, orders,
// the workflow runner over two simulated weeks, and the status report. Errors are typed and thrown.
import { DateTime } from 'luxon';
import { decodeCommand, preflight, defaultPolicy, policyViolations, PreflightBlocked, InvalidCommand } from '@fagsign/domain';
import {
  openEventStore, handle, createWorkflowRunner, createSimulatedProvider, manualClock,
  simulatedNotifier, simulatedArchive, simulatedVigo, catchUpProjection,
} from '@fagsign/adapters';
import { contractsProjection, statusReport, statusSheet, attention, attentionSheet, renderTable } from '@fagsign/projections';
import { vigoContracts, registrationFrom } from './vigo-data.mjs';

const store = await openEventStore('memory:');
const clock = manualClock('2026-08-03T07:00:00.000Z');
const now = () => DateTime.fromISO(clock.now(), { zone: 'Europe/Oslo' });
// The county's policy, with what it sets for every job at the signing service: the managing leader
// signs after the others, BankID-level log-in, no fødselsnummer in the archived PDF, no SMS at night.
const policy = { ...defaultPolicy, signerGroups: { 'daglig-leder': 2 }, requiredAuthentication: 4, identifierInSignedDocuments: 'date-of-birth-and-name', activation: 'after-quiet-hours' };
// Checked by the domain's own rules; `fagsign run` refuses such a policy at start, naming the field.
const wrong = policyViolations({ ...policy, signatureType: 'qualified' });
console.log(`  a signature type Posten does not offer: ${wrong.map((v) => `${v.path} ${v.rule}`).join('; ')}`);
const context = () => ({ now: now(), policy });

for (const vigo of vigoContracts) {
  const decoded = decodeCommand(registrationFrom(vigo));
  if (decoded._tag === 'Left') {
    // Bad input names the field and the rule, never the value.
    console.log(`${vigo.kontraktId}: not registered: ${decoded.left.message}`);
    continue;
  }
  const { state } = await handle(store, decoded.right.contractId, decoded.right, context());
  console.log(`${vigo.kontraktId}: registered`);

  // The pre-flight check, with its messages in bokmål for the clerk.
  for (const problem of preflight(state.contract, policy, now())) {
    console.log(`  ${problem.severity === 'blocking' ? 'STOPP' : 'merk '} ${problem.message.nb}`);
  }
  try {
    await handle(store, decoded.right.contractId, { type: 'CreateOrder' }, context());
    console.log('  order created');
  } catch (error) {
    if (!(error instanceof PreflightBlocked)) throw error;
    console.log(`  order blocked: ${error.problems.filter((p) => p.severity === 'blocking').map((p) => p.code).join(', ')}`);
  }
}

// The office corrects LK-2026-000102 in VigoBedrift; the county system passes the corrections on.
const corrections = [
  { role: 'laerling', changes: { mobile: '934 56 789' } },
  { role: 'faglig-leder', changes: { email: 'jonas.dahl@dekkservice.no' } },
  { role: 'daglig-leder', changes: { name: 'Siri Dekk', email: 'siri@dekkservice.no' } },
];
for (const { role, changes } of corrections) {
  const command = decodeCommand({ type: 'CorrectContactData', role, changes });
  if (command._tag === 'Left') throw command.left;
  await handle(store, 'LK-2026-000102', command.right, context());
}
await handle(store, 'LK-2026-000102', { type: 'CreateOrder' }, context());
console.log('LK-2026-000102: corrected, order created');

try {
  await handle(store, 'LK-2026-000102', { type: 'CreateOrder' }, context());
} catch (error) {
  console.log(`  a second order is refused: ${error.name}`); // OrderAlreadyActive
}
try {
  await handle(store, 'LK-2026-000103', { type: 'SignManually', reason: 'other' }, context());
} catch (error) {
  console.log(`  a command for a contract never registered is refused: ${error.name}`); // ContractNotRegistered
}
const bad = decodeCommand({ type: 'ChangeStartDate', startDate: '2026-02-30' });
if (bad._tag === 'Left' && bad.left instanceof InvalidCommand) {
  console.log(`  a bad start date: ${bad.left.violations.map((v) => `${v.path} ${v.rule}`).join('; ')}`);
}

// The workflow runner, against the simulated signing service, for two weeks of simulated time.
const provider = createSimulatedProvider({ seed: 7, now: clock.now });
const runner = createWorkflowRunner({
  store, provider, policy,
  notifier: simulatedNotifier({ now: clock.now, onDelivered: provider.remind }),
  archive: simulatedArchive(), vigo: simulatedVigo(),
  log: (entry) => entry.outcome !== 'done' && console.log(`  runner: ${entry.step} ${entry.outcome} ${entry.contractId ?? ''} ${entry.code ?? ''}`),
});
for (let step = 0; step < 14 * 24 * 4; step++) {
  await runner.runOnce(now());
  clock.advanceBy({ minutes: 15 });
}

const { state } = await catchUpProjection(store, contractsProjection);
console.log(renderTable(statusSheet(statusReport(state, {}, clock.now()), 'nb'), 'nb'));
console.log(renderTable(attentionSheet(attention(state, {}, clock.now()), 'nb'), 'nb'));
await store.close();
