import {
  decide,
  evolve,
  initialState,
  orgNumberCheckDigit,
  parseContractId,
  personalIdCheckDigits,
  EmailAddress,
  MobileNumber,
  PersonalId,
  type ContractCommand,
  type ContractEvent,
  type ContractId,
  type ContractState,
  type DisplayName,
  type LocalDate,
  type OrgNumber,
  type OrderId,
} from '@fagsign/domain';
import { DateTime } from 'luxon';

/*
 * Deterministic contract histories for the contract suite, the handler tests and the benchmark.
 * They are produced by the real decider, so every event is one the domain would write; all
 * personal values are synthetic.
 */

export const sampleNow = DateTime.fromISO('2026-08-03T09:00:00', { zone: 'Europe/Oslo' });

export const sampleContractId = (n: number, prefix = 'LK'): ContractId => {
  const id = parseContractId(`${prefix}-2026-${String(n).padStart(6, '0')}`);
  if (typeof id !== 'string') throw new Error(`bad sample contract id: ${id.rule}`);
  return id;
};

const orgNumber = (seed: number): OrgNumber => {
  for (let n = seed; ; n++) {
    const eight = `9${String(n % 10_000_000).padStart(7, '0')}`;
    const check = orgNumberCheckDigit(eight);
    if (check !== undefined) return `${eight}${check}` as OrgNumber;
  }
};

const personalId = (seed: number): PersonalId => {
  for (let n = seed; ; n++) {
    // born 1 March 2008, synthetic individual numbers in the 2000s range
    const nine = `010308${String(500 + (n % 500)).padStart(3, '0')}`;
    const check = personalIdCheckDigits(nine);
    const parsed = check === undefined ? undefined : PersonalId.parse(nine + check);
    if (parsed instanceof PersonalId) return parsed;
  }
};

const name = (s: string): DisplayName => s as DisplayName;

/** A complete, valid registration: apprentice with mobile, faglig leder and daglig leder with personal e-mail. */
export const sampleRegistration = (contractId: ContractId, seed = 1): ContractCommand => ({
  type: 'RegisterContract',
  contractId,
  county: seed % 2 === 0 ? 'Telemark' : 'Østfold',
  office: { orgNumber: orgNumber(seed * 7), name: name('Opplæringskontoret for offentlig sektor i Østfold'), kind: 'opplaeringskontor' },
  contractType: 'laerekontrakt',
  startDate: '2026-09-01' as LocalDate,
  parties: [
    { role: 'laerling', name: name('Åse Sæther'), personalId: personalId(seed), mobile: MobileNumber.registered(`9${String(seed % 10_000_000).padStart(7, '0')}`) },
    { role: 'faglig-leder', name: name('Ørjan Østby'), email: EmailAddress.registered(`orjan.ostby${seed}@bilfag.no`) },
    { role: 'daglig-leder', name: name('Kari Nordmann'), email: EmailAddress.registered(`kari.nordmann${seed}@bilfag.no`) },
  ],
});

/** Runs commands through the real decider; throws on a refusal, since a sample must be valid. */
export const decideAll = (commands: readonly ContractCommand[], at = sampleNow, from: ContractState = initialState): ContractEvent[] => {
  let state = from;
  const out: ContractEvent[] = [];
  for (const command of commands) {
    const decision = decide(command, state, { now: at });
    if (decision._tag === 'Left') throw new Error(`sample command ${command.type} refused: ${decision.left.message}`);
    for (const e of decision.right) {
      state = evolve(state, e);
      out.push(e);
    }
  }
  return out;
};

/**
 * A contract signed electronically: registered, order created and accepted, three signatures,
 * signed, archived: ten events, a typical lifecycle from the pilot.
 */
export const signedContractHistory = (contractId: ContractId, seed = 1): ContractEvent[] => {
  const orderId = `${contractId}/1` as OrderId;
  const signedAt = sampleNow.toUTC().toISO() as never;
  return decideAll([
    sampleRegistration(contractId, seed),
    { type: 'CreateOrder' },
    { type: 'RecordOrderAccepted', orderId, providerJobId: `job-${seed}` },
    { type: 'RecordReminderSent', orderId, role: 'laerling' },
    { type: 'RecordSignerSigned', orderId, role: 'laerling', signedAt },
    { type: 'RecordSignerSigned', orderId, role: 'faglig-leder', signedAt },
    { type: 'RecordSignerSigned', orderId, role: 'daglig-leder', signedAt },
    { type: 'RecordDocumentArchived', archiveReference: `ARK-${seed}` },
    { type: 'RecordVigoUpdated' },
  ], sampleNow.set({ hour: 12 }));
};

/** A small fact about a contract that needs no history: handy for streams in volume. */
export const vigoUpdated = (contractId: ContractId, n = 0): ContractEvent => ({
  type: 'VigoUpdated',
  data: { contractId, at: sampleNow.plus({ seconds: n }).toUTC().toISO() as never },
});

/** A fact with free text, for payload size and character-set tests. */
export const archived = (contractId: ContractId, archiveReference: string): ContractEvent => ({
  type: 'SignedDocumentArchived',
  data: { contractId, at: sampleNow.toUTC().toISO() as never, archiveReference },
});

/**
 * An event of about 1 MB that every codec accepts: an order with a thousand overrides, each with a
 * reason of 1000 characters (a free-text field's limit), for payload size tests.
 */
export const largeOrder = (contractId: ContractId): ContractEvent => ({
  type: 'OrderCreated',
  data: {
    contractId,
    at: sampleNow.toUTC().toISO() as never,
    orderId: `${contractId}/1` as OrderId,
    attempt: 1,
    validityDays: 14,
    deadline: sampleNow.plus({ days: 14 }).toUTC().toISO() as never,
    remindAt: null,
    signers: [],
    overrides: Array.from({ length: 1_050 }, (_, i) => ({ code: 'email-shared-mailbox' as const, reason: `${i} ${'Lærekontrakt for Åse Sæther. '.repeat(34)}`.slice(0, 1000), by: 'saksbehandler' })),
  },
});
