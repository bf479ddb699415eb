import { partyRoles, type Instant, type PartyRole, type SignerStatus } from '@fagsign/domain';
import { SnapshotUnreadable } from '../snapshot-unreadable.js';
import { flagsIndex, internedFlags } from './contact-flags.js';
import { officeKeyOf, type ContactFlags, type ContractsState, type ContractSummary, type FollowUpSummary, type OfficeInfo, type OrderSummary } from './summary.js';

/*
 * The contracts projection's saved form. A county's state holds about 120 000 contracts; saved as
 * objects (form 1, what fagsign saved before) every key of every contract and order is written out
 * again, 1.1 kB a contract. Form 2 writes one row per contract and per order, its fields in a fixed
 * order, and refers to offices, roles and the 40 combinations of contact flags by their index in
 * tables saved beside the rows (so the tables' order in code can change without misreading an old
 * snapshot). Strings the state holds (statuses, reasons, instants) are written as they are.
 *
 * Form 2 names its arrays `officeRows` and `contractRows`, not `offices` and `contracts`: the check
 * form-1 code makes (two arrays under those names) refuses it, so fagsign rolled back to a version
 * before form 2 says SnapshotUnreadable ("run fagsign rebuild") instead of reading rows as objects.
 * Both forms are read here, so the projection's version did not change: it says what `apply`
 * means, and an upgrade loads the form-1 snapshot and writes form 2 at its next save, without a
 * rebuild.
 */

/** What fagsign saved before form 2: the state's own objects, every key written out. */
export interface SavedContractsForm1 {
  readonly offices: OfficeInfo[];
  readonly contracts: ContractSummary[];
}

/** `[county, orgNumber, name, kind]`; the key is `officeKeyOf(county, orgNumber)`. */
type OfficeRow = [OfficeInfo['county'], string, string, OfficeInfo['kind']];

/** `[mobile, email, personalId]`. */
type FlagsRow = [ContactFlags['mobile'], ContactFlags['email'], boolean];

/** Roles as indexes into `roles`, each followed by its value: `[role, value, role, value, …]`. */
type ByRole<V> = (number | V)[];

type FollowUpRow = [done: 0 | 1, attempts: number, retryAt: FollowUpSummary['retryAt'], lastError: string | null];

type OrderRow = [
  orderId: OrderSummary['orderId'],
  createdAt: OrderSummary['createdAt'],
  deadline: OrderSummary['deadline'],
  status: OrderSummary['status'],
  signers: ByRole<string>,
  retryAt: OrderSummary['retryAt'],
  providerErrors: number,
  lastProviderError: string | null,
  endedAt: OrderSummary['endedAt'],
  failureCause: OrderSummary['failureCause'],
  cancelReason: OrderSummary['cancelReason'],
  diagnosis: OrderSummary['diagnosis'],
  diagnosisRole: number | null,
  /** Only when the order has late signatures. */
  lateSignatures?: ByRole<string>,
];

type ContractRow = [
  contractId: ContractSummary['contractId'],
  office: number,
  contractType: ContractSummary['contractType'],
  status: ContractSummary['status'],
  registeredAt: ContractSummary['registeredAt'],
  startDate: ContractSummary['startDate'],
  /** Each role's flags as an index into `flags`. */
  contacts: number[],
  shared: string[] | null,
  contactCorrectedAt: ContractSummary['contactCorrectedAt'],
  orders: OrderRow[],
  resigned: number,
  remindersSent: number,
  closedAt: ContractSummary['closedAt'],
  manualReason: ContractSummary['manualReason'],
  withdrawalReason: ContractSummary['withdrawalReason'],
  /** Archive, then Vigo; null before the contract is signed electronically. */
  followUp: [...FollowUpRow, ...FollowUpRow] | null,
];

/** Form 2: rows in a fixed field order, with the tables their indexes refer to. */
export interface SavedContractsForm2 {
  readonly form: 2;
  readonly roles: readonly PartyRole[];
  readonly flags: readonly FlagsRow[];
  readonly officeRows: readonly OfficeRow[];
  readonly contractRows: readonly ContractRow[];
}

const roleIndex = new Map<string, number>(partyRoles.map((role, i) => [role, i]));
const indexOfRole = (role: string): number => {
  const i = roleIndex.get(role);
  if (i === undefined) throw new Error(`The contracts state holds a role this code does not know: ${role}`);
  return i;
};

const byRole = <V, W>(record: Partial<Record<PartyRole, V>>, value: (v: V) => W): ByRole<W> => {
  const row: ByRole<W> = [];
  for (const role in record) row.push(indexOfRole(role), value(record[role as PartyRole]!));
  return row;
};

const asIs = <V>(v: V): V => v;

const orderRow = (o: OrderSummary): OrderRow => {
  const row: OrderRow = [
    o.orderId,
    o.createdAt,
    o.deadline,
    o.status,
    byRole(o.signers, asIs),
    o.retryAt,
    o.providerErrors,
    o.lastProviderError,
    o.endedAt,
    o.failureCause,
    o.cancelReason,
    o.diagnosis,
    o.diagnosisRole === null ? null : indexOfRole(o.diagnosisRole),
  ];
  if (o.lateSignatures !== undefined) row.push(byRole(o.lateSignatures, asIs));
  return row;
};

const followUpRow = ({ archive: a, vigo: v }: NonNullable<ContractSummary['followUp']>): ContractRow[15] =>
  [a.done ? 1 : 0, a.attempts, a.retryAt, a.lastError, v.done ? 1 : 0, v.attempts, v.retryAt, v.lastError];

/** The state in form 2. Builds new rows; shares only strings with the state. */
export const savedForm2 = (state: ContractsState): SavedContractsForm2 => {
  const offices = new Map<string, number>();
  const officeRows: OfficeRow[] = [];
  for (const office of state.offices.values()) {
    offices.set(office.key, officeRows.length);
    officeRows.push([office.county, office.orgNumber, office.name, office.kind]);
  }
  const contractRows: ContractRow[] = [];
  for (const c of state.contracts.values()) {
    const office = offices.get(c.office);
    if (office === undefined) throw new Error(`The contracts state has a contract in an office it does not hold: ${c.contractId}`);
    contractRows.push([
      c.contractId,
      office,
      c.contractType,
      c.status,
      c.registeredAt,
      c.startDate,
      byRole(c.contacts, flagsIndex),
      c.shared,
      c.contactCorrectedAt,
      c.orders.map(orderRow),
      c.resigned,
      c.remindersSent,
      c.closedAt,
      c.manualReason,
      c.withdrawalReason,
      c.followUp === null ? null : followUpRow(c.followUp),
    ]);
  }
  return { form: 2, roles: partyRoles, flags: internedFlags.map((f) => [f.mobile, f.email, f.personalId]), officeRows, contractRows };
};

/**
 * The state from either saved form. Form 2 is read into new objects; form 1's objects are taken as
 * they are (every store parses a fresh copy of its JSON on each load, so nothing else holds them).
 * Anything else, or a row of the wrong shape, throws SnapshotUnreadable.
 */
export const stateFromSaved = (saved: unknown): ContractsState => {
  if (isForm2(saved)) return fromForm2(saved);
  if (isForm1(saved)) return fromForm1(saved);
  throw new SnapshotUnreadable('contracts');
};

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null;

const isForm2 = (u: unknown): u is SavedContractsForm2 =>
  isObject(u) && u.form === 2 && Array.isArray(u.roles) && Array.isArray(u.flags) && Array.isArray(u.officeRows) && Array.isArray(u.contractRows);

const isForm1 = (u: unknown): u is SavedContractsForm1 =>
  isObject(u) &&
  !('form' in u) &&
  Array.isArray(u.offices) &&
  Array.isArray(u.contracts) &&
  u.offices.every((o) => isObject(o) && typeof o.key === 'string') &&
  u.contracts.every((c) => isObject(c) && typeof c.contractId === 'string' && typeof c.office === 'string' && Array.isArray(c.orders));

const fromForm1 = (saved: SavedContractsForm1): ContractsState => ({
  offices: new Map(saved.offices.map((office) => [office.key, office])),
  contracts: new Map(saved.contracts.map((contract) => [contract.contractId, contract])),
});

/** Thrown inside the reading of form 2; caught once at the top, where it becomes SnapshotUnreadable. */
class Malformed extends Error {}
const check = (ok: boolean): void => {
  if (!ok) throw new Malformed();
};
const str = <T extends string>(u: unknown): T => {
  check(typeof u === 'string');
  return u as T;
};
const strOrNull = <T extends string>(u: unknown): T | null => {
  check(u === null || typeof u === 'string');
  return u as T | null;
};
const count = (u: unknown): number => {
  check(Number.isInteger(u) && (u as number) >= 0);
  return u as number;
};
const row = (u: unknown, ...lengths: number[]): unknown[] => {
  check(Array.isArray(u) && lengths.includes(u.length));
  return u as unknown[];
};
const at = <T>(table: readonly T[], u: unknown): T => {
  check(Number.isInteger(u) && (u as number) >= 0 && (u as number) < table.length);
  return table[u as number]!;
};

const fromForm2 = (saved: SavedContractsForm2): ContractsState => {
  try {
    const roles = saved.roles.map((u) => {
      check(roleIndex.has(u));
      return u;
    });
    const flags = saved.flags.map((u) => {
      const [mobile, email, personalId] = row(u, 3);
      check(typeof personalId === 'boolean');
      const i = flagsIndex({ mobile: str(mobile), email: str(email), personalId: personalId as boolean });
      check(i >= 0 && i < internedFlags.length);
      return internedFlags[i]!;
    });
    const byRoleOf = <V>(u: unknown, value: (v: unknown) => V): Partial<Record<PartyRole, V>> => {
      check(Array.isArray(u) && u.length % 2 === 0);
      const pairs = u as unknown[];
      const record: Partial<Record<PartyRole, V>> = {};
      for (let i = 0; i < pairs.length; i += 2) record[at(roles, pairs[i])] = value(pairs[i + 1]);
      return record;
    };
    const offices = new Map<string, OfficeInfo>();
    const officeKeys = saved.officeRows.map((u) => {
      const [county, orgNumber, name, kind] = row(u, 4);
      const key = officeKeyOf(str(county), str(orgNumber));
      check(!offices.has(key));
      offices.set(key, { key, county: county as OfficeInfo['county'], orgNumber: orgNumber as string, name: str(name), kind: str(kind) });
      return key;
    });
    const followUpStep = (f: unknown[], from: number): FollowUpSummary => {
      check(f[from] === 0 || f[from] === 1);
      return { done: f[from] === 1, attempts: count(f[from + 1]), retryAt: strOrNull(f[from + 2]), lastError: strOrNull(f[from + 3]) };
    };
    const order = (u: unknown): OrderSummary => {
      const o = row(u, 13, 14);
      const summary: OrderSummary = {
        orderId: str(o[0]),
        createdAt: str(o[1]),
        deadline: str(o[2]),
        status: str(o[3]),
        signers: byRoleOf(o[4], (v) => str<SignerStatus>(v)),
        retryAt: strOrNull(o[5]),
        providerErrors: count(o[6]),
        lastProviderError: strOrNull(o[7]),
        endedAt: strOrNull(o[8]),
        failureCause: strOrNull(o[9]),
        cancelReason: strOrNull(o[10]),
        diagnosis: strOrNull(o[11]),
        diagnosisRole: o[12] === null ? null : at(roles, o[12]),
      };
      if (o.length === 14) summary.lateSignatures = byRoleOf(o[13], (v) => str<Instant>(v));
      return summary;
    };
    const contracts = new Map<string, ContractSummary>();
    for (const u of saved.contractRows) {
      const c = row(u, 16);
      const contractId = str<ContractSummary['contractId']>(c[0]);
      check(!contracts.has(contractId));
      const shared = c[7];
      check(shared === null || (Array.isArray(shared) && shared.every((p) => typeof p === 'string')));
      const followUp = c[15] === null ? null : row(c[15], 8);
      check(Array.isArray(c[9]));
      contracts.set(contractId, {
        contractId,
        office: at(officeKeys, c[1]),
        contractType: str(c[2]),
        status: str(c[3]),
        registeredAt: str(c[4]),
        startDate: strOrNull(c[5]),
        contacts: byRoleOf(c[6], (v) => at(flags, v)),
        shared: shared as string[] | null,
        contactCorrectedAt: strOrNull(c[8]),
        orders: (c[9] as unknown[]).map(order),
        resigned: count(c[10]),
        remindersSent: count(c[11]),
        closedAt: strOrNull(c[12]),
        manualReason: strOrNull(c[13]),
        withdrawalReason: strOrNull(c[14]),
        followUp: followUp === null ? null : { archive: followUpStep(followUp, 0), vigo: followUpStep(followUp, 4) },
      });
    }
    return { offices, contracts };
  } catch (error) {
    if (error instanceof Malformed) throw new SnapshotUnreadable('contracts');
    throw error;
  }
};
