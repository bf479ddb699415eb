import {
  blockingProblems,
  contractStreamName,
  isClosed,
  PreflightBlocked,
  replay,
  type ContactChanges,
  type ContractCommand,
  type ContractEvent,
  type ContractId,
  type ContractState,
  type PartyRole,
  type PolicyBook,
  type PreflightOverride,
  type SigningPolicy,
} from '@fagsign/domain';
import { handle, type EventStore } from '@fagsign/adapters';
import type { DateTime } from 'luxon';
import { asRegistered, truth, type PilotContract } from './pilot-scenario.js';

/**
 * The fagopplæring clerk of the simulation: registers the day's contracts from Vigo, sends orders,
 * and deals with the orders that ended, the way the pilot's staff did. With fagsign's defences the
 * same clerk also heeds the pre-flight check (asks the office for the missing or personal address
 * before sending) and the status report (calls a signer still pending four days after the order
 * went out). What the clerk learns by asking is the contract's true data (`truth`).
 */
export type Mode = 'as-it-happened' | 'with-fagsign';

export interface Clerk {
  /** The morning round, at 09:00 on working days. */
  morning(now: DateTime): Promise<void>;
  /** Contracts whose contact data the clerk has corrected to the truth. */
  readonly corrected: ReadonlySet<string>;
}

const pilotOverride = (code: PreflightOverride['code'], role: PartyRole | undefined): PreflightOverride => ({
  code,
  ...(role === undefined ? {} : { role }),
  reason: 'Piloten hadde ingen kontroll før utsending',
  by: 'fagopplaering',
});

/** The fields where what is registered differs from the truth, for the roles asked about. */
const corrections = (c: PilotContract, state: ContractState, roles?: readonly PartyRole[]): [PartyRole, ContactChanges][] => {
  const out: [PartyRole, ContactChanges][] = [];
  for (const real of truth(c).parties) {
    if (roles !== undefined && !roles.includes(real.role)) continue;
    const registered = state.contract?.parties[real.role];
    const changes: Record<string, unknown> = {};
    if (real.mobile !== undefined && !real.mobile.equals(registered?.mobile)) changes.mobile = real.mobile;
    if (real.email !== undefined && !real.email.equals(registered?.email)) changes.email = real.email;
    if (Object.keys(changes).length > 0) out.push([real.role, changes as ContactChanges]);
  }
  return out;
};

export const createClerk = (options: {
  readonly store: EventStore<ContractEvent>;
  readonly contracts: readonly PilotContract[];
  readonly mode: Mode;
  readonly policy: SigningPolicy | PolicyBook;
}): Clerk => {
  const { store, contracts, mode, policy } = options;
  const corrected = new Set<string>();
  /** Answers the clerk is waiting for (an e-mail address from the office), by contract: the day they arrive. */
  const awaiting = new Map<string, string>();

  const command = (now: DateTime, id: string, c: ContractCommand) => handle(store, id as ContractId, c, { now, policy });
  const stateOf = async (id: string) => replay((await store.readStream(contractStreamName(id as ContractId))).events.map((e) => e.event));

  const correct = async (now: DateTime, c: PilotContract, state: ContractState, roles?: readonly PartyRole[]) => {
    for (const [role, changes] of corrections(c, state, roles)) await command(now, c.contractId, { type: 'CorrectContactData', role, changes });
    corrected.add(c.contractId);
  };

  const send = async (now: DateTime, c: PilotContract) => {
    try {
      await command(now, c.contractId, { type: 'CreateOrder' });
    } catch (error) {
      if (!(error instanceof PreflightBlocked)) throw error;
      const blocking = blockingProblems(error.problems);
      if (mode === 'as-it-happened') {
        // the pilot had no check: the order went out as the data stood
        await command(now, c.contractId, { type: 'CreateOrder', overrides: blocking.map((p) => pilotOverride(p.code, p.role)) });
      } else {
        // ask the training office for what is missing; the answer comes the next working day
        awaiting.set(c.contractId, nextWorkingDay(now));
      }
    }
  };

  const dealWithEndedOrder = async (now: DateTime, c: PilotContract, state: ContractState) => {
    const last = state.orders[state.orders.length - 1]!;
    if (last.status === 'expired' && c.story === 'slow-then-manual') {
      return command(now, c.contractId, { type: 'SignManually', reason: 'order-expired' });
    }
    if (last.status === 'expired' && c.story === 'missing-email-then-silent' && state.orders.length >= 2) {
      return command(now, c.contractId, { type: 'SignManually', reason: 'signer-did-not-respond' });
    }
    if (corrections(c, state).length > 0) {
      const emailMissing = corrections(c, state).some(([, changes]) => changes.email !== undefined);
      if (emailMissing && !awaiting.has(c.contractId)) {
        awaiting.set(c.contractId, nextWorkingDay(now)); // the office sends the address tomorrow
        return;
      }
      if (!emailMissing) await correct(now, c, state); // a phone call to the apprentice settles the number
      else return;
    }
    return send(now, c);
  };

  return {
    corrected,
    async morning(now) {
      const today = now.toISODate()!;
      for (const c of contracts) {
        if (c.registeredOn === today) await command(now, c.contractId, asRegistered(c));
      }
      for (const c of contracts) {
        if (c.registeredOn > today || c.story === 'awaiting-review') continue;
        let state = await stateOf(c.contractId);
        if (isClosed(state)) continue;

        const answerDay = awaiting.get(c.contractId);
        if (answerDay !== undefined) {
          if (answerDay > today) continue;
          awaiting.delete(c.contractId);
          await correct(now, c, state);
          state = await stateOf(c.contractId);
          if (state.status === 'in-signing') continue;
          await send(now, c);
          continue;
        }
        if (c.story === 'start-date-changed' && state.status === 'in-signing' && state.orders.length === 1 && daysSince(now, state.orders[0]!.createdAt) >= 1) {
          const later = new Date(`${state.contract!.startDate}T12:00:00Z`);
          later.setUTCDate(later.getUTCDate() + 14);
          await command(now, c.contractId, { type: 'ChangeStartDate', startDate: later.toISOString().slice(0, 10) as never });
          state = await stateOf(c.contractId);
        }
        if (state.status === 'registered') await send(now, c);
        else if (state.status === 'order-ended') await dealWithEndedOrder(now, c, state);
        else if (state.status === 'in-signing' && mode === 'with-fagsign') {
          // the status report, signing status first: a signer still pending four days on gets a call
          const order = state.orders[state.orders.length - 1]!;
          const pending = order.signers.filter((s) => s.status === 'waiting').map((s) => s.role);
          if (order.status === 'accepted' && pending.length > 0 && daysSince(now, order.createdAt) >= 4 && corrections(c, state, pending).length > 0) {
            await correct(now, c, state, pending); // the correction cancels the order; a new one goes out at once
            await send(now, c);
          }
        }
      }
    },
  };
};

const daysSince = (now: DateTime, instant: string): number => (now.toMillis() - Date.parse(instant)) / 86_400_000;

const nextWorkingDay = (now: DateTime): string => {
  let d = now.plus({ days: 1 });
  while (d.weekday > 5) d = d.plus({ days: 1 });
  return d.toISODate()!;
};
