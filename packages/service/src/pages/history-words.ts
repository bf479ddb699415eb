import { DomainError, PreflightBlocked, type ContractEvent, type PartyRole } from '@fagsign/domain';
import { causeLabels, signerRoleLabels, type Lang, type Words } from '@fagsign/projections';
import { pageWords } from './page-words.js';

const w = (nb: string, en: string): Words => ({ nb, en });
const role = (r: PartyRole): Words => signerRoleLabels[r];
const capital = (s: string): string => s.charAt(0).toLocaleUpperCase('nb') + s.slice(1);
const cancelWords: Record<string, Words> = {
  'start-date-changed': w('ny oppstartsdato', 'a new start date'),
  'contact-correction': w('rettet kontaktdata', 'corrected contact data'),
  'switched-to-manual': w('papirsignatur', 'a paper signature'),
  withdrawn: w('kontrakten ble trukket', 'the contract was withdrawn'),
  'cancelled-at-provider': w('kansellert hos signeringstjenesten', 'cancelled at the signing service'),
  'staff-decision': w('saksbehandlers beslutning', "a clerk's decision"),
};
const fieldWords: Record<string, Words> = { name: w('navn', 'name'), personalId: w('fødselsnummer', 'national id'), mobile: w('mobil', 'mobile'), email: w('e-post', 'e-mail') };

/** What an event means, in one plain sentence; never a contact value. */
export const eventWords = (event: ContractEvent, lang: Lang): string => {
  const pick = (words: Words) => words[lang];
  const p = pageWords[lang];
  switch (event.type) {
    case 'ContractRegistered':
      return pick(w('Kontrakten ble registrert fra Vigo.', 'The contract was registered from Vigo.'));
    case 'ContactDataCorrected': {
      const fields = Object.keys(event.data.changes).map((f) => pick(fieldWords[f] ?? w(f, f)));
      return `${pick(w('Kontaktdata rettet for', 'Contact data corrected for'))} ${pick(role(event.data.role)).toLowerCase()}: ${fields.join(', ')}.`;
    }
    case 'StartDateChanged':
      return `${pick(w('Ny oppstartsdato:', 'New start date:'))} ${event.data.startDate}.`;
    case 'OrderCreated': {
      const base = pick(w('Sendt til signering', 'Sent for signing'));
      if (event.data.overrides.length === 0) return `${base}.`;
      const reasons = [...new Set(event.data.overrides.map((o) => o.reason))].join('; ');
      return `${base}, ${pick(w('med overstyring av forhåndskontrollen', 'overriding the pre-flight check'))} (${event.data.overrides.map((o) => o.code).join(', ')}): «${reasons}».`;
    }
    case 'Resigned':
      return pick(w('Nytt oppdrag etter et oppdrag som ikke ble signert.', 'A new order after one that was not signed.'));
    case 'OrderAccepted':
      return pick(w('Signeringstjenesten tok imot oppdraget.', 'The signing service accepted the order.'));
    case 'ProviderErrorOccurred':
      return `${pick(w('Feil hos signeringstjenesten', 'Error at the signing service'))} (${event.data.code}).`;
    case 'SignerSigned':
      return `${capital(pick(role(event.data.role)))} ${pick(w('signerte.', 'signed.'))}`;
    case 'SignerFailed':
      return `${capital(pick(role(event.data.role)))}: ${pick(causeLabels[event.data.cause] ?? w(event.data.cause, event.data.cause))}.`;
    case 'ReminderSent':
      return `${pick(w('Påminnelse sendt til', 'Reminder sent to'))} ${pick(role(event.data.role)).toLowerCase()}.`;
    case 'Expired':
      return pick(w('Oppdraget utløp uten alle signaturer.', 'The order expired without every signature.'));
    case 'OrderCancelled':
      return `${pick(w('Oppdraget ble kansellert:', 'The order was cancelled:'))} ${pick(cancelWords[event.data.reason] ?? w(event.data.reason, event.data.reason))}.`;
    case 'OrderFailed':
      return `${pick(w('Oppdraget feilet:', 'The order failed:'))} ${pick(causeLabels[event.data.cause as keyof typeof causeLabels] ?? w(event.data.cause, event.data.cause))}.`;
    case 'ProviderJobCancelled':
      return pick(w('Jobben hos signeringstjenesten ble stoppet.', 'The job at the signing service was stopped.'));
    case 'ContractSignedElectronically':
      return pick(w('Kontrakten er signert elektronisk av alle.', 'The contract was signed electronically by everyone.'));
    case 'ContractSignedManually':
      return `${pick(w('Registrert som signert på papir:', 'Recorded as signed on paper:'))} ${p.manualReasons[event.data.reason]}.`;
    case 'ContractWithdrawn':
      return `${pick(w('Kontrakten ble trukket:', 'The contract was withdrawn:'))} ${p.withdrawalReasons[event.data.reason]}.`;
    case 'SignedDocumentArchived':
      return pick(w('Den signerte kontrakten er arkivert.', 'The signed contract was archived.'));
    case 'VigoUpdated':
      return pick(w('Vigo er oppdatert.', 'Vigo was updated.'));
    case 'SubmissionUncertain':
      return pick(w('Uklart om signeringstjenesten fikk oppdraget; det undersøkes av seg selv.', 'Unclear whether the signing service got the order; it is checked by itself.'));
    case 'UncertainSubmissionResolved':
      return pick(w('Avklart om signeringstjenesten fikk oppdraget.', 'Settled whether the signing service got the order.'));
    case 'LateSignatureReported':
      return `${capital(pick(role(event.data.role)))} ${pick(w('signerte etter at oppdraget var avsluttet; signaturen teller ikke.', 'signed after the order had ended; the signature does not count.'))}`;
    case 'FollowUpFailed':
      return `${pick(event.data.step === 'archive' ? w('Arkivering feilet', 'Archiving failed') : w('Rapport til Vigo feilet', 'The report to Vigo failed'))} (${event.data.code}).`;
  }
};

/** The decider's refusal in the clerk's words. */
export const refusalWords = (error: DomainError, lang: Lang): string[] => {
  if (error instanceof PreflightBlocked) {
    return [lang === 'nb' ? 'Forhåndskontrollen stopper oppdraget:' : 'The pre-flight check stops the order:', ...error.problems.map((p) => p.message[lang])];
  }
  const words: Record<string, Words> = {
    'contract-closed': w('Kontrakten er avsluttet (signert eller trukket).', 'The contract is closed (signed or withdrawn).'),
    'order-already-active': w('Et oppdrag er allerede ute til signering.', 'An order is already out for signing.'),
    'quiet-hours': w('Ingen meldinger til signatarer om natten; prøv igjen i morgen tidlig.', 'No messages to signers at night; try again in the morning.'),
    'follow-up-not-expected': w('Oppfølging gjelder bare kontrakter signert elektronisk.', 'A follow-up only follows an electronic signature.'),
    'invalid-command': w('Skjemaet har ugyldige verdier.', 'The form has invalid values.'),
    'contract-not-registered': w('Kontrakten er ikke registrert.', 'The contract is not registered.'),
  };
  const known = words[error.code];
  return [known === undefined ? `${error.code}` : known[lang]];
};
