import { EmailAddress, MobileNumber, type LocalDate, type PreflightOverride } from '@fagsign/domain';
import { scenario } from './scenario.js';

/*
 * The Telemark pilot's orders that went wrong (slides 4–5), one clean contract beside them, and two
 * contracts at OKOS in Østfold: one awaiting review, one out for signing. For the report tests.
 *
 * Timeline (Oslo time, August 2026): everything starts on the 3rd at 09:00; the story is told up to
 * the 18th at 12:00, when TM-1's expired order is diagnosed (`pilotUntilDiagnosis`), and finished
 * at 13:00 (`pilotHistory`).
 */

const override = (code: PreflightOverride['code'], role: PreflightOverride['role']): PreflightOverride => ({ code, role, reason: 'Pilot: sendt likevel', by: 'saksbehandler-1' });

export const pilotUntilDiagnosis = () => {
  const s = scenario('2026-08-03T09:00');
  const create = (id: string, overrides: PreflightOverride[] = []) => s.run(id, { type: 'CreateOrder', overrides });
  const accept = (id: string) => s.run(id, { type: 'RecordOrderAccepted', orderId: s.order(id), providerJobId: `job-${s.order(id)}` });
  const createAndAccept = (id: string, overrides: PreflightOverride[] = []) => {
    create(id, overrides);
    accept(id);
  };

  // TM-1: a wrong apprentice mobile (it looks fine): the order runs out, a clerk finds out, corrects, signed.
  s.register('TM-1', { county: 'Telemark', office: 'grenland', apprentice: { mobile: '98765432' } });
  // TM-2: no e-mail for the faglig leder: sent anyway, the service reports it, corrected, new order, never answered: paper.
  s.register('TM-2', { county: 'Telemark', office: 'grenland', fagligLeder: {} });
  // TM-3: a new start date before signing: the order is cancelled, a new one is signed.
  s.register('TM-3', { county: 'Telemark', office: 'bilfag' });
  // TM-4, TM-5: errors at the signing service on the same day: new orders the next day, signed.
  s.register('TM-4', { county: 'Telemark', office: 'bilfag' });
  s.register('TM-5', { county: 'Telemark', office: 'bilfag' });
  // TM-6: a training contract that simply went through.
  s.register('TM-6', { county: 'Telemark', office: 'bilfag', type: 'opplaeringskontrakt', apprentice: { mobile: '+47 412 34 567' } });
  // OF-1: in the system for review; the faglig leder is registered with the company's shared mailbox.
  s.register('OF-1', { county: 'Østfold', office: 'okos', fagligLeder: { email: 'post@bedrift.no' } });

  for (const id of ['TM-1', 'TM-3', 'TM-6']) createAndAccept(id);
  createAndAccept('TM-2', [override('email-missing', 'faglig-leder')]);
  for (const id of ['TM-4', 'TM-5']) {
    create(id);
    s.run(id, { type: 'RecordProviderError', orderId: s.order(id), code: 'http-500', transient: false });
  }
  s.run('TM-2', { type: 'RecordSignerFailed', orderId: s.order('TM-2'), role: 'faglig-leder', cause: 'contact-information-missing', source: 'provider' });
  s.wait({ hours: 2 });
  s.signAll('TM-6');
  s.run('TM-6', { type: 'RecordDocumentArchived', archiveReference: 'ARK-2026-1' });
  s.run('TM-6', { type: 'RecordVigoUpdated' });

  s.wait({ days: 1 }); // the 4th, 11:00
  s.run('TM-3', { type: 'ChangeStartDate', startDate: '2026-09-20' as LocalDate });
  s.run('TM-2', { type: 'CorrectContactData', role: 'faglig-leder', changes: { email: EmailAddress.registered('kari.hansen@grenland-elektro.no') } });
  for (const id of ['TM-2', 'TM-3', 'TM-4', 'TM-5']) createAndAccept(id);

  s.wait({ days: 1 }); // the 5th, 11:00
  for (const id of ['TM-3', 'TM-4', 'TM-5']) s.signAll(id);
  // OF-2: out for signing at OKOS; its deadline is the 19th at 11:00.
  s.register('OF-2', { county: 'Østfold', office: 'okos' });
  createAndAccept('OF-2');
  // Archiving TM-3 fails until the retries are used up: a person must take over.
  for (let i = 0; i < 5; i++) s.run('TM-3', { type: 'RecordFollowUpFailed', step: 'archive', code: 'http-503' });

  s.wait({ days: 1 }); // the 6th, 11:00
  s.run('OF-2', { type: 'RecordSignerSigned', orderId: s.order('OF-2'), role: 'faglig-leder', signedAt: '2026-08-06T09:00:00.000Z' as never });

  s.wait({ days: 12, hours: 1 }); // the 18th, 12:00: past TM-1's and TM-2's deadlines
  for (const id of ['TM-1', 'TM-2']) s.run(id, { type: 'ExpireOrder', orderId: s.order(id) });
  for (const role of ['laerling', 'daglig-leder'] as const) s.run('OF-2', { type: 'RecordReminderSent', orderId: s.order('OF-2'), role });
  // The clerk finds out, after the expiry, that the apprentice's number was wrong.
  s.run('TM-1', { type: 'RecordSignerFailed', orderId: s.order('TM-1'), role: 'laerling', cause: 'wrong-mobile', source: 'staff' });
  return s;
};

export const pilotHistory = () => {
  const s = pilotUntilDiagnosis();
  s.wait({ hours: 1 }); // the 18th, 13:00
  s.run('TM-1', { type: 'CorrectContactData', role: 'laerling', changes: { mobile: MobileNumber.registered('91122334') } });
  s.run('TM-1', { type: 'CreateOrder' });
  s.run('TM-1', { type: 'RecordOrderAccepted', orderId: s.order('TM-1'), providerJobId: 'job-tm-1-2' });
  s.signAll('TM-1');
  s.run('TM-2', { type: 'SignManually', reason: 'signer-did-not-respond' });
  return s;
};
