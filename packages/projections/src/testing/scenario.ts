import { DateTime } from 'luxon';
import {
  decideOrThrow,
  EmailAddress,
  evolve,
  initialState,
  MobileNumber,
  osloZone,
  PersonalId,
  type ContractCommand,
  type ContractEvent,
  type ContractId,
  type ContractState,
  type ContractType,
  type County,
  type DisplayName,
  type OrgNumber,
  type Party,
  type PartyRole,
} from '@fagsign/domain';

/*
 * Pilot stories written out as commands at given times, decided by the domain: the events are
 * exactly what fagsign would store. Every name and contact detail here is made up.
 */

export const offices = {
  bilfag: { orgNumber: '975123456' as OrgNumber, name: 'OK Bilfag' as DisplayName, kind: 'opplaeringskontor' as const },
  okos: { orgNumber: '987654325' as OrgNumber, name: 'OKOS' as DisplayName, kind: 'opplaeringskontor' as const },
  grenland: { orgNumber: '912345688' as OrgNumber, name: 'Opplæringskontoret i Grenland' as DisplayName, kind: 'opplaeringskontor' as const },
};

export interface Contact {
  readonly mobile?: string;
  readonly email?: string;
}

const party = (role: PartyRole, name: string, contact: Contact): Party => ({
  role,
  name: name as DisplayName,
  ...(role === 'laerling' || role === 'kandidat' ? { personalId: PersonalId.parse('01010750160') as PersonalId } : {}),
  ...(contact.mobile === undefined ? {} : { mobile: MobileNumber.registered(contact.mobile) }),
  ...(contact.email === undefined ? {} : { email: EmailAddress.registered(contact.email) }),
});

export interface RegisterOptions {
  readonly county: County;
  readonly office: keyof typeof offices;
  readonly type?: ContractType;
  readonly apprentice?: Contact;
  readonly fagligLeder?: Contact | null;
  readonly dagligLeder?: Contact | null;
  readonly startDate?: string | null;
}

export const scenario = (start = '2026-08-03T09:00') => {
  let now = DateTime.fromISO(start, { zone: osloZone });
  const states = new Map<string, ContractState>();
  const events: ContractEvent[] = [];
  const run = (contractId: string, command: ContractCommand): ContractEvent[] => {
    const state = states.get(contractId) ?? initialState;
    const produced = decideOrThrow(command, state, { now });
    states.set(contractId, produced.reduce(evolve, state));
    events.push(...produced);
    return produced;
  };
  return {
    events,
    get now() {
      return now;
    },
    /** Moves the clock on. */
    wait(duration: { days?: number; hours?: number; minutes?: number }) {
      now = now.plus(duration);
    },
    register(contractId: string, options: RegisterOptions) {
      const type = options.type ?? 'laerekontrakt';
      const apprenticeRole = type === 'laerekontrakt' ? 'laerling' : 'kandidat';
      const parties = [party(apprenticeRole, 'Ola Nordmann', options.apprentice ?? { mobile: '91234567' })];
      if (options.fagligLeder !== null) parties.push(party('faglig-leder', 'Kari Hansen', options.fagligLeder ?? { email: 'kari.hansen@bilfag.no' }));
      if (options.dagligLeder !== null) parties.push(party('daglig-leder', 'Per Berg', options.dagligLeder ?? { email: 'per.berg@bilfag.no' }));
      const startDate = options.startDate === undefined ? now.plus({ days: 30 }).toISODate()! : options.startDate;
      return run(contractId, {
        type: 'RegisterContract',
        contractId: contractId as ContractId,
        county: options.county,
        office: offices[options.office],
        contractType: type,
        parties,
        ...(startDate === null ? {} : { startDate: startDate as never }),
      });
    },
    run,
    state: (contractId: string): ContractState => states.get(contractId) ?? initialState,
    /** The active order's id. */
    order: (contractId: string) => states.get(contractId)!.orders.at(-1)!.orderId,
    /** Every pending signer signs, now. */
    signAll(contractId: string) {
      const order = states.get(contractId)!.orders.at(-1)!;
      for (const signer of order.signers) {
        if (signer.status !== 'signed') run(contractId, { type: 'RecordSignerSigned', orderId: order.orderId, role: signer.role, signedAt: now.toUTC().toISO() as never });
      }
    },
  };
};
