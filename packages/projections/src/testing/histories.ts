import fc from 'fast-check';
import { DateTime } from 'luxon';
import { decide, evolve, initialState, osloZone, type ContractCommand, type ContractEvent, type ContractId, type ContractState, type County, type Office } from '@fagsign/domain';
import { contractCommandArb, officeArb, registerContractArb } from '@fagsign/domain/testing';
import { sensibleCommand } from './sensible-commands.js';

/*
 * Random but realistic event histories: random commands for a handful of contracts, decided by the
 * domain's own `decide` at an advancing clock, refusals skipped. What comes out is a global log
 * that the decider could really have written, interleaved across contracts and offices.
 */

export interface History {
  readonly events: ContractEvent[];
  /** Each contract's office, as `county/orgNumber`, from its registration. */
  readonly officeOf: Map<string, string>;
  /** The clock after the last command: a sensible `now` for reports. */
  readonly end: DateTime;
}

const start = DateTime.fromISO('2026-08-03T09:00:00', { zone: osloZone });

/** A small set of offices in two or three counties, so that several contracts share an office. */
const officesArb: fc.Arbitrary<{ county: County; office: Office }[]> = fc
  .uniqueArray(officeArb, { minLength: 2, maxLength: 4, selector: (o) => o.orgNumber })
  .chain((offices) =>
    fc.tuple(...offices.map((office) => fc.constantFrom<County>('Telemark', 'Østfold', 'Agder').map((county) => ({ county, office })))),
  );

const contractIdOf = (i: number): ContractId => `LK-2026-${String(i + 1).padStart(6, '0')}` as ContractId;

interface Step {
  readonly contract: number;
  readonly minutes: number;
  /** A random command, or (when undefined) a sensible one picked by `seed` at run time. */
  readonly command: ContractCommand | undefined;
  readonly seed: number;
}

const stepArb = (contracts: number): fc.Arbitrary<Step> =>
  fc.nat({ max: contracts - 1 }).chain((contract) =>
    fc.record({
      contract: fc.constant(contract),
      minutes: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 4 * 24 * 60 })),
      command: fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: contractCommandArb(contractIdOf(contract), start) },
      ),
      seed: fc.nat(),
    }),
  );

export const historyArb = (options: { maxContracts?: number; maxSteps?: number } = {}): fc.Arbitrary<History> =>
  fc
    .record({ offices: officesArb, contracts: fc.integer({ min: 1, max: options.maxContracts ?? 6 }) })
    .chain(({ offices, contracts }) =>
      fc.record({
        registrations: fc.tuple(
          ...Array.from({ length: contracts }, (_, i) =>
            fc.tuple(registerContractArb({ contractId: contractIdOf(i), flaws: 0.25, around: start }), fc.constantFrom(...offices)),
          ),
        ),
        steps: fc.array(stepArb(contracts), { maxLength: options.maxSteps ?? 80, size: 'max' }),
      }),
    )
    .map(({ registrations, steps }) => run(registrations, steps));

const run = (registrations: [Extract<ContractCommand, { type: 'RegisterContract' }>, { county: County; office: Office }][], steps: Step[]): History => {
  let now = start;
  const states: ContractState[] = registrations.map(() => initialState);
  const events: ContractEvent[] = [];
  const officeOf = new Map<string, string>();
  const perform = (i: number, command: ContractCommand | undefined): void => {
    if (command === undefined) return;
    const decision = decide(command, states[i]!, { now });
    if (decision._tag === 'Left') return;
    for (const e of decision.right) {
      states[i] = evolve(states[i]!, e);
      events.push(e);
    }
  };
  // Registrations are spread over the steps, so a log interleaves young and old contracts.
  const registerAt = registrations.map((_, i) => Math.floor((i * steps.length) / registrations.length));
  const register = (i: number): void => {
    const [command, { county, office }] = registrations[i]!;
    perform(i, { ...command, county, office });
    officeOf.set(command.contractId, `${county}/${office.orgNumber}`);
  };
  steps.forEach((step, n) => {
    registerAt.forEach((at, i) => at === n && register(i));
    now = now.plus({ minutes: step.minutes });
    if (states[step.contract]!.status === 'unregistered') return;
    perform(step.contract, step.command ?? sensibleCommand(states[step.contract]!, step.seed, now));
  });
  registerAt.forEach((at, i) => at >= steps.length && register(i));
  return { events, officeOf, end: now };
};

/** The domain's own view of every contract in a log, for comparing a read model against. */
export const replayAll = (events: readonly ContractEvent[]): Map<string, ContractState> => {
  const states = new Map<string, ContractState>();
  for (const e of events) states.set(e.data.contractId, evolve(states.get(e.data.contractId) ?? initialState, e));
  return states;
};
