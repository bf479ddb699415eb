import { DateTime } from 'luxon';
import { defaultPolicy, osloZone, pilotPolicy, type ContractEvent, type Instant, type SigningPolicy } from '@fagsign/domain';
import {
  createSimulatedProvider,
  createWorkflowRunner,
  manualClock,
  outageOn,
  simulatedArchive,
  simulatedNotifier,
  simulatedVigo,
  type EventStore,
  type ScriptEntry,
  type ScriptedSigner,
} from '@fagsign/adapters';
import { createClerk, type Mode } from './clerk.js';
import { lastDay, outageDays, pilotContracts, type PilotContract } from './pilot-scenario.js';

export interface SimulationResult {
  readonly mode: Mode;
  readonly contracts: number;
  readonly remindersSent: number;
  readonly endedAt: DateTime;
}

/** The policy for each run: the pilot's 7 days, no reminder, no retry; or fagsign's defaults. */
export const policyFor = (mode: Mode): SigningPolicy => (mode === 'as-it-happened' ? pilotPolicy : defaultPolicy);

export const simulationStart = DateTime.fromISO('2026-08-03T07:00', { zone: osloZone });
export const simulationEnd = DateTime.fromISO(`${lastDay}T12:00`, { zone: osloZone });

/**
 * How each signer behaves, by story. Everyone not named here signs after a delay drawn from the
 * seed (hours to a few days). The slow signers are the stories: a wrong number never signs until
 * it is corrected; the faglig leder who "never answered" answers a reminder; the signer in the
 * "much back and forth" story takes nine days.
 */
const signerScript = (contracts: readonly PilotContract[], corrected: ReadonlySet<string>) => {
  const byId = new Map(contracts.map((c) => [c.contractId, c]));
  return (signer: ScriptedSigner): ScriptEntry | undefined => {
    const c = byId.get(signer.contractId);
    if (c === undefined) return undefined;
    const apprentice = signer.role === 'laerling' || signer.role === 'kandidat';
    switch (c.story) {
      case 'still-in-signing':
        return { kind: 'signs', afterHours: 72 };
      case 'wrong-mobile':
        return apprentice && !corrected.has(c.contractId) ? 'wrong-mobile' : undefined;
      case 'missing-email-then-silent':
        return signer.role === 'faglig-leder' ? 'needs-reminder' : undefined;
      case 'slow-then-manual':
        return signer.role === 'daglig-leder' ? { kind: 'signs', afterHours: 9 * 24 } : undefined;
      case 'start-date-changed':
        // nobody has signed yet when the new start date is decided, two days after the order went out
        return signer.attempt === 1 ? { kind: 'signs', afterHours: 60 } : undefined;
      default:
        // by their data: a shared mailbox is never read, a missing address the service reports
        return undefined;
    }
  };
};

/**
 * Replays the pilot on `store`, through the real workflow runner and the simulated signing service,
 * in simulated time: the runner every 15 minutes, the clerk at 09:00 on working days.
 */
export const simulatePilot = async (store: EventStore<ContractEvent>, mode: Mode, seed = 2026): Promise<SimulationResult> => {
  const contracts = pilotContracts();
  const policy = policyFor(mode);
  const clock = manualClock(simulationStart.toUTC().toISO() as Instant);
  const now = () => DateTime.fromISO(clock.now(), { zone: osloZone });
  const clerk = createClerk({ store, contracts, mode, policy });
  const provider = createSimulatedProvider({
    seed,
    now: clock.now,
    script: signerScript(contracts, clerk.corrected),
    profile: { rejectChance: 0, needsReminderChance: 0, noResponseChance: 0 },
    outages: Object.values(outageDays).map((day) => outageOn(day)),
    polling: { afterEmptySeconds: 600 },
  });
  const notifier = simulatedNotifier({ now: clock.now, policy, onDelivered: (orderId, role) => provider.remind(orderId, role) });
  const runner = createWorkflowRunner({ store, provider, notifier, archive: simulatedArchive(), vigo: simulatedVigo(), policy, name: `demo-runner-${mode}` });

  while (now() < simulationEnd) {
    const t = now();
    if (t.hour === 9 && t.minute === 0 && t.weekday <= 5) await clerk.morning(t);
    await runner.runOnce(t);
    clock.advanceBy({ minutes: 15 });
  }
  await runner.runOnce(now());
  return { mode, contracts: contracts.length, remindersSent: notifier.sent.length, endedAt: now() };
};
