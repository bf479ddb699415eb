import { DateTime } from 'luxon';
import {
  decideOrThrow,
  EmailAddress,
  evolve,
  initialState,
  MobileNumber,
  osloZone,
  type ContractCommand,
  type ContractEvent,
  type ContractId,
  type ContractState,
  type County,
  type DisplayName,
  type OrgNumber,
} from '@fagsign/domain';

/*
 * A small log for the command-line tests, decided by the domain: OK Bilfag in Telemark with one
 * contract signed and one whose order expired with a wrong mobile, and OKOS in Østfold with one
 * awaiting review. Every name and contact detail is made up.
 */
export const bilfag = { orgNumber: '975123456' as OrgNumber, name: 'OK Bilfag' as DisplayName, kind: 'opplaeringskontor' as const };
export const okos = { orgNumber: '987654325' as OrgNumber, name: 'OKOS' as DisplayName, kind: 'opplaeringskontor' as const };
export const sampleNow = '2026-08-20T10:00:00.000Z';

export const sampleLog = (): ContractEvent[] => {
  let now = DateTime.fromISO('2026-08-03T09:00', { zone: osloZone });
  const states = new Map<string, ContractState>();
  const log: ContractEvent[] = [];
  const run = (id: string, command: ContractCommand) => {
    const state = states.get(id) ?? initialState;
    const events = decideOrThrow(command, state, { now });
    states.set(id, events.reduce(evolve, state));
    log.push(...events);
  };
  const register = (id: string, county: County, office: typeof bilfag, mobile: string) =>
    run(id, {
      type: 'RegisterContract',
      contractId: id as ContractId,
      county,
      office,
      contractType: 'laerekontrakt',
      startDate: '2026-09-01' as never,
      parties: [
        { role: 'laerling', name: 'Ola Nordmann' as DisplayName, mobile: MobileNumber.registered(mobile) },
        { role: 'faglig-leder', name: 'Kari Hansen' as DisplayName, email: EmailAddress.registered('kari.hansen@bilfag.no') },
        { role: 'daglig-leder', name: 'Per Berg' as DisplayName, email: EmailAddress.registered('per.berg@bilfag.no') },
      ],
    });
  const orderOf = (id: string) => states.get(id)!.orders.at(-1)!.orderId;

  register('LK-1', 'Telemark', bilfag, '91234567');
  register('LK-2', 'Telemark', bilfag, '98765432');
  register('LK-3', 'Østfold', okos, '41234567');
  for (const id of ['LK-1', 'LK-2']) {
    run(id, { type: 'CreateOrder', overrides: [{ code: 'personal-id-missing', reason: 'ok', by: 'saksbehandler' }] });
    run(id, { type: 'RecordOrderAccepted', orderId: orderOf(id), providerJobId: `job-${id}` });
  }
  now = now.plus({ days: 1 });
  for (const role of ['laerling', 'faglig-leder', 'daglig-leder'] as const) {
    run('LK-1', { type: 'RecordSignerSigned', orderId: orderOf('LK-1'), role, signedAt: now.toUTC().toISO() as never });
  }
  now = now.plus({ days: 14 });
  run('LK-2', { type: 'ExpireOrder', orderId: orderOf('LK-2') });
  run('LK-2', { type: 'RecordSignerFailed', orderId: orderOf('LK-2'), role: 'laerling', cause: 'wrong-mobile', source: 'staff' });
  return log;
};
