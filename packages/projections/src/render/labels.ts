import type { ContractType, PartyRole } from '@fagsign/domain';
import type { FailureCause } from '../contracts/attribution.js';
import type { AttentionKind } from '../reports/attention.js';
import type { ContactProblemCode } from '../reports/contact-problems.js';
import type { ContractCounts } from '../reports/figures.js';
import type { FollowUpProgress, SigningStatus } from '../reports/status-report.js';
import type { Lang, Words } from '../reports/words.js';

/** Every label a renderer prints, in bokmål and English. */

const w = (nb: string, en: string): Words => ({ nb, en });

export const statusLabels: Record<SigningStatus, Words> = {
  registered: w('Til kontroll', 'Awaiting review'),
  'in-signing': w('Til signering', 'Out for signing'),
  'order-ended': w('Trenger nytt oppdrag', 'Needs a new order'),
  'signed-electronically': w('Signert elektronisk', 'Signed electronically'),
  'signed-manually': w('Signert manuelt', 'Signed manually'),
  withdrawn: w('Trukket', 'Withdrawn'),
};

export const countLabels: Record<keyof ContractCounts, Words> = {
  registered: w('Registrert', 'Registered'),
  awaitingReview: statusLabels.registered,
  inSigning: statusLabels['in-signing'],
  needsNewOrder: statusLabels['order-ended'],
  signedElectronically: statusLabels['signed-electronically'],
  signedManually: statusLabels['signed-manually'],
  withdrawn: statusLabels.withdrawn,
};

export const causeLabels: Record<FailureCause, Words> = {
  'wrong-mobile': w('Feil mobilnummer', 'Wrong mobile number'),
  'missing-email': w('Manglende e-post', 'Missing e-mail'),
  'shared-mailbox': w('Fellespostkasse', 'Shared mailbox'),
  'contact-information-missing': w('Kontaktdata mangler', 'Contact data missing'),
  rejected: w('Avvist av signatar', 'Rejected by signer'),
  reserved: w('Reservert mot digital kontakt', 'Opted out of digital contact'),
  blocked: w('Sperret (engangskoder)', 'Blocked (one-time codes)'),
  'name-not-available': w('Navn ikke tilgjengelig', 'Name not available'),
  'provider-error': w('Feil hos signeringstjenesten', 'Signing service error'),
  'our-fault': w('Feil hos fylket eller fagsign', "Fault on the county's side or in fagsign"),
  other: w('Annet', 'Other'),
  expired: w('Utløpt', 'Expired'),
  cancelled: w('Kansellert', 'Cancelled'),
};

export const typeLabels: Record<ContractType, Words> = {
  laerekontrakt: w('Lærekontrakt', 'Apprenticeship contract'),
  opplaeringskontrakt: w('Opplæringskontrakt', 'Training contract'),
};

export const roleLabels: Record<PartyRole, Words> = {
  laerling: w('lærling', 'apprentice'),
  kandidat: w('kandidat', 'candidate'),
  'faglig-leder': w('faglig leder', 'professional leader'),
  'daglig-leder': w('daglig leder', 'managing leader'),
  opplaeringskontor: w('opplæringskontor', 'training office'),
  fylkeskommune: w('fylkeskommune', 'county'),
  foresatt: w('foresatt', 'guardian'),
};

export const attentionLabels: Record<AttentionKind, Words> = {
  'order-failed': w('Oppdraget endte uten signatur', 'Order ended unsigned'),
  'preflight-blocked': w('Stoppet av forhåndskontrollen', 'Blocked by the pre-flight check'),
  'expiring-soon': w('Utløper innen et døgn', 'Expires within 24 hours'),
  'provider-retry': w('Venter på nytt forsøk', 'Waiting to retry'),
  'follow-up-stalled': w('Etterarbeid må gjøres manuelt', 'Follow-up needs a person'),
  'late-signature': w('Signert etter at oppdraget endte', 'Signed after the order ended'),
};

export const followUpLabels: Record<FollowUpProgress, Words> = {
  done: w('ferdig', 'done'),
  pending: w('venter', 'pending'),
  'needs-a-person': w('manuelt', 'by hand'),
};

export const problemLabels: Record<ContactProblemCode, Words> = {
  'apprentice-missing': w('Lærling/kandidat mangler', 'Apprentice/candidate missing'),
  'mobile-missing': w('Mobil mangler', 'Mobile missing'),
  'mobile-invalid': w('Mobil ugyldig', 'Mobile invalid'),
  'mobile-unallocated': w('Mobil finnes ikke', 'Mobile does not exist'),
  'mobile-foreign': w('Mobil utenlandsk', 'Mobile foreign'),
  'personal-id-missing': w('Fødselsnr. mangler', 'National id missing'),
  'faglig-leder-missing': w('Faglig leder mangler', 'Prof. leader missing'),
  'faglig-leder-email-missing': w('Faglig leder: e-post mangler', 'Prof. leader: e-mail missing'),
  'faglig-leder-email-invalid': w('Faglig leder: e-post ugyldig', 'Prof. leader: e-mail invalid'),
  'faglig-leder-email-shared': w('Faglig leder: fellespostkasse', 'Prof. leader: shared mailbox'),
  'daglig-leder-missing': w('Daglig leder mangler', 'Managing leader missing'),
  'daglig-leder-email-missing': w('Daglig leder: e-post mangler', 'Managing leader: e-mail missing'),
  'daglig-leder-email-invalid': w('Daglig leder: e-post ugyldig', 'Managing leader: e-mail invalid'),
  'daglig-leder-email-shared': w('Daglig leder: fellespostkasse', 'Managing leader: shared mailbox'),
  'contact-shared': w('Delt kontaktinfo', 'Shared contact data'),
};

/** Headings and other words the renderers need. */
export const text = {
  county: w('Fylke', 'County'),
  office: w('Kontor', 'Office'),
  orgNumber: w('Org.nr.', 'Org. no.'),
  total: w('Sum', 'Total'),
  allCounties: w('Alle', 'All'),
  ordersCreated: w('Oppdrag', 'Orders'),
  resigned: w('Nye oppdrag', 'New orders'),
  firstAttempt: w('Første forsøk lyktes (%)', 'First attempt succeeded (%)'),
  resolvedByRetry: w('Løst ved nytt forsøk', 'Resolved by retry'),
  firstAttemptNote: w(
    'Første forsøk lyktes: andelen kontrakter der det første oppdraget ble signert, av alle kontrakter der det første oppdraget er avsluttet; kontrakter som er trukket, telles ikke.',
    'First attempt succeeded: the share of contracts whose first order was signed, of all contracts whose first order has ended; withdrawn contracts are not counted.',
  ),
  resolvedByRetryNote: w(
    'Løst ved nytt forsøk: oppdrag som møtte en feil hos signeringstjenesten og gikk videre etter et nytt forsøk.',
    'Resolved by retry: orders that met an error at the signing service and went on after a retry.',
  ),
  reminders: w('Påminnelser', 'Reminders'),
  daysMedian: w('Dager til signatur, median', 'Days to signature, median'),
  daysP90: w('Dager til signatur, p90', 'Days to signature, p90'),
  contractType: w('Kontrakttype', 'Contract type'),
  status: w('Status', 'Status'),
  contract: w('Kontrakt', 'Contract'),
  signatures: w('Signaturer', 'Signatures'),
  deadline: w('Frist', 'Deadline'),
  daysLeft: w('Dager igjen', 'Days left'),
  pending: w('Venter på', 'Waiting for'),
  lastFailure: w('Siste feil', 'Last failure'),
  nextStep: w('Neste steg', 'Next step'),
  followUp: w('Arkiv / Vigo', 'Archive / Vigo'),
  personalData: w('Personopplysninger', 'Personal data'),
  kind: w('Hva', 'What'),
  when: w('Tidspunkt', 'When'),
  openContracts: w('Åpne kontrakter', 'Open contracts'),
  withProblems: w('Med problemer', 'With problems'),
  statisticsTitle: w('Statistikk per fylke og kontor', 'Statistics per county and office'),
  contractsTitle: w('Kontrakter', 'Contracts'),
  ordersTitle: w('Oppdrag og feil', 'Orders and failures'),
  byTypeTitle: w('Etter kontrakttype', 'By contract type'),
  statusTitle: w('Statusrapport', 'Status report'),
  attentionTitle: w('Trenger oppfølging i dag', 'Needs attention today'),
  dataQualityTitle: w('Datakvalitet (åpne kontrakter)', 'Data quality (open contracts)'),
  failuresTitle: w('Feilede oppdrag etter årsak', 'Failed orders by cause'),
  chartTitle: w('Kontrakter per kontor', 'Contracts per office'),
  nothing: w('Ingenting å vise.', 'Nothing to show.'),
  report: w('fagsign-rapport', 'fagsign report'),
  everyCounty: w('alle fylker', 'all counties'),
  asOf: w('Per', 'As of'),
} as const;

export const say = (words: Words, lang: Lang): string => words[lang];
