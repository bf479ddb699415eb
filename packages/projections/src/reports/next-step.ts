import type { Instant, PartyRole } from '@fagsign/domain';
import { failureCauseOf, type FailureCause } from '../contracts/attribution.js';
import type { ContractSummary, OrderSummary } from '../contracts/summary.js';
import { blockingProblems } from './contact-problems.js';
import { both, capitalised, join, osloTime, roleOf, theRole, theRoles, type Words } from './words.js';
import { deadlineState } from './deadline.js';

/** Roles that have not signed an order (still waiting, or failed). */
export const pendingRoles = (order: OrderSummary): PartyRole[] =>
  (Object.keys(order.signers) as PartyRole[]).filter((role) => order.signers[role] !== 'signed');


/**
 * The next step for the clerk, in plain words: what to do, not what happened. Blocking contact
 * problems come first, because a new order cannot be sent until they are fixed in Vigo.
 */
export const nextStep = (contract: ContractSummary, now: Instant): Words => {
  const last = contract.orders[contract.orders.length - 1];
  switch (contract.status) {
    case 'registered':
      return fixFirst(contract, both('Kontroller kontrakten, og opprett et signeringsoppdrag.', 'Review the contract, then create a signing order.'));
    case 'in-signing':
      return last === undefined ? both('', '') : activeStep(last, now);
    case 'order-ended':
      if (last !== undefined && lateSigners(last).length > 0) return lateSignatureStep(last);
      return last === undefined ? both('', '') : fixFirst(contract, afterEnd(contract, last));
    case 'signed-electronically':
      return followUpStep(contract);
    case 'signed-manually':
      return both('Ingen: kontrakten er signert på papir.', 'None: the contract was signed on paper.');
    case 'withdrawn':
      return both('Ingen: kontrakten er trukket.', 'None: the contract was withdrawn.');
  }
};

const fixFirst = (contract: ContractSummary, then: Words): Words => {
  const problems = blockingProblems(contract);
  if (problems.length === 0) return then;
  const list = { nb: problems.map((p) => p.nb).join('; '), en: problems.map((p) => p.en).join('; ') };
  return { nb: `Rett i Vigo først (${list.nb}). ${then.nb}`, en: `Fix in Vigo first (${list.en}). ${then.en}` };
};

const activeStep = (order: OrderSummary, now: Instant): Words => {
  if (order.diagnosis !== null) return causeStep(order.diagnosis, order.diagnosisRole ?? undefined, order);
  if (order.status === 'created') return both('Oppdraget sendes til signeringstjenesten; ingenting å gjøre.', 'The order is being sent to the signing service; nothing to do.');
  if (order.status === 'awaiting-retry' && order.retryAt !== null) {
    const at = osloTime(order.retryAt);
    return both(`Feil hos signeringstjenesten; nytt forsøk ${at} går av seg selv.`, `Error at the signing service; it is retried by itself at ${at}.`);
  }
  const who = theRoles(pendingRoles(order));
  switch (deadlineState(order.deadline, now)) {
    case 'passed':
      return {
        nb: `Fristen gikk ut ${osloTime(order.deadline)}, men oppdraget er ikke meldt utløpt ennå: kontakt ${who.nb}; signerer ingen, opprett et nytt oppdrag.`,
        en: `The deadline passed at ${osloTime(order.deadline)}, but the order is not reported expired yet: contact ${who.en}; if nobody signs, create a new order.`,
      };
    case 'within-a-day':
      return { nb: `Fristen går ut innen et døgn: kontakt ${who.nb} og be om signatur.`, en: `The deadline is within a day: contact ${who.en} and ask for a signature.` };
    case 'later':
      return { nb: `Venter på signatur fra ${who.nb}.`, en: `Waiting for ${who.en} to sign.` };
  }
};

const afterEnd = (contract: ContractSummary, order: OrderSummary): Words => {
  const cause = failureCauseOf(order)!;
  const corrected = contract.contactCorrectedAt !== null && order.endedAt !== null && contract.contactCorrectedAt >= order.endedAt;
  if (corrected && cause !== 'provider-error' && cause !== 'reserved') {
    return both('Kontaktdataene er rettet: opprett et nytt oppdrag.', 'The contact data has been corrected: create a new order.');
  }
  return causeStep(cause, order.diagnosisRole ?? pendingRoles(order)[0], order);
};

const newOrder = both('og opprett et nytt oppdrag.', 'then create a new order.');
const newOrderOrPaper = both('Opprett et nytt oppdrag, eller bruk papirkontrakt.', 'Create a new order, or use a paper contract.');

const causeStep = (cause: FailureCause, role: PartyRole | undefined, order: OrderSummary): Words => {
  const who = role ?? 'laerling';
  switch (cause) {
    case 'wrong-mobile':
      return { nb: `Rett ${roleOf(who).nb} mobilnummer i Vigo, ${newOrder.nb}`, en: `Correct ${roleOf(who).en} mobile number in Vigo, ${newOrder.en}` };
    case 'missing-email':
      return { nb: `Registrer ${roleOf(who).nb} e-postadresse i Vigo, ${newOrder.nb}`, en: `Register ${roleOf(who).en} e-mail address in Vigo, ${newOrder.en}` };
    case 'shared-mailbox':
      return {
        nb: `Be om en personlig e-postadresse til ${theRole(who).nb}, rett den i Vigo, ${newOrder.nb}`,
        en: `Ask for a personal e-mail address for ${theRole(who).en}, correct it in Vigo, ${newOrder.en}`,
      };
    case 'contact-information-missing':
      return { nb: `Registrer kontaktdata for ${theRole(who).nb} i Vigo, ${newOrder.nb}`, en: `Register contact data for ${theRole(who).en} in Vigo, ${newOrder.en}` };
    case 'rejected':
      return join({ nb: `${capitalised(theRole(who)).nb} avviste signeringen; avklar med ${theRole(who).nb}.`, en: `${capitalised(theRole(who)).en} rejected the signing; talk to ${theRole(who).en}.` }, newOrderOrPaper);
    case 'reserved':
      return {
        nb: `${capitalised(theRole(who)).nb} har reservert seg mot digital kontakt: bruk papirkontrakt.`,
        en: `${capitalised(theRole(who)).en} has opted out of digital contact: use a paper contract.`,
      };
    case 'blocked':
      return {
        nb: `${capitalised(theRole(who)).nb} er sperret etter for mange feil engangskoder. ${newOrderOrPaper.nb}`,
        en: `${capitalised(theRole(who)).en} is blocked after too many wrong one-time codes. ${newOrderOrPaper.en}`,
      };
    case 'name-not-available':
      return {
        nb: `Signeringstjenesten fant ikke navnet til ${theRole(who).nb}: kontroller fødselsnummeret i Vigo, ${newOrder.nb}`,
        en: `The signing service found no name for ${theRole(who).en}: check the national identity number in Vigo, ${newOrder.en}`,
      };
    case 'provider-error':
      return both('Feil hos signeringstjenesten: opprett et nytt oppdrag (gjerne neste dag).', 'Error at the signing service: create a new order (the next day, preferably).');
    case 'our-fault':
      return both(
        'Feilen lå hos fylket eller fagsign (sertifikat, oppsett), ikke hos signeringstjenesten: opprett et nytt oppdrag når den er rettet.',
        "The fault was on the county's side or in fagsign (certificate, setup), not at the signing service: create a new order once it is fixed.",
      );
    case 'expired': {
      const pending = pendingRoles(order);
      return pending.length === 0
        ? join(both('Fristen gikk ut.', 'The order expired.'), newOrderOrPaper)
        : join({ nb: `Fristen gikk ut uten signatur fra ${theRoles(pending).nb}; kontroller kontaktdataene i Vigo.`, en: `The deadline passed without a signature from ${theRoles(pending).en}; check the contact data in Vigo.` }, newOrderOrPaper);
    }
    case 'cancelled':
      if (order.cancelReason === 'start-date-changed') return both('Oppstartsdatoen ble endret: opprett et nytt oppdrag.', 'The start date changed: create a new order.');
      if (order.cancelReason === 'contact-correction') return both('Kontaktdataene ble rettet: opprett et nytt oppdrag.', 'The contact data was corrected: create a new order.');
      return join(both('Oppdraget ble kansellert.', 'The order was cancelled.'), newOrderOrPaper);
    case 'other':
      return join(both('Se oppdraget i signering.posten.no.', 'Look the order up at signering.posten.no.'), newOrderOrPaper);
  }
};

const followUpStep = (contract: ContractSummary): Words => {
  const f = contract.followUp;
  if (f === null || (f.archive.done && f.vigo.done)) return both('Ingen: kontrakten er signert og arkivert.', 'None: the contract is signed and archived.');
  const steps: Words[] = [];
  if (!f.archive.done && f.archive.retryAt === null) steps.push(both('Arkiver det signerte dokumentet manuelt.', 'Archive the signed document by hand.'));
  if (!f.vigo.done && f.vigo.retryAt === null) steps.push(both('Registrer signeringen i Vigo manuelt.', 'Record the signature in Vigo by hand.'));
  if (steps.length > 0) return { nb: `Automatikken ga opp: ${steps.map((s) => s.nb).join(' ')}`, en: `The automatic follow-up gave up: ${steps.map((s) => s.en).join(' ')}` };
  return both('Arkivering og melding til Vigo går av seg selv.', 'Archiving and the report to Vigo run by themselves.');
};

/** Roles whose signature on this order was reported after it had ended. */
export const lateSigners = (order: OrderSummary): PartyRole[] => Object.keys(order.lateSignatures ?? {}) as PartyRole[];

const endedAs: Record<'expired' | 'cancelled' | 'failed', Words> = {
  expired: both('utløpt', 'expired'),
  cancelled: both('kansellert', 'been cancelled'),
  failed: both('feilet', 'failed'),
};

/** A signature that came after the order's end: a person looks the job up and chooses a new order or paper. */
const lateSignatureStep = (order: OrderSummary): Words => {
  const late = lateSigners(order);
  const when = late.map((role) => osloTime(order.lateSignatures![role]!)).sort().at(-1)!;
  const ended = endedAs[order.status as keyof typeof endedAs] ?? both('avsluttet', 'ended');
  const endedAt = order.endedAt === null ? '' : ` ${osloTime(order.endedAt)}`;
  return {
    nb: `${capitalised(theRoles(late)).nb} signerte ${when}, men oppdraget var ${ended.nb}${endedAt}, så signaturen teller ikke av seg selv. Sjekk oppdraget i signering.posten.no, og avgjør om det skal sendes et nytt oppdrag eller signeres på papir.`,
    en: `${capitalised(theRoles(late)).en} signed at ${when}, but the order had ${ended.en}${endedAt}, so the signature does not count by itself. Check the order at signering.posten.no, then decide whether to create a new order or sign on paper.`,
  };
};
