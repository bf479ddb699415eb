import type { DateTime } from 'luxon';
import type { PartyRole } from '../model/party-role.js';
import { roleLabels } from '../model/party-role.js';
import type { Party } from '../model/party.js';
import { osloDate } from '../model/time.js';
import type { ContractDetails } from '../contract/state.js';
import type { PreflightCode } from './preflight-codes.js';
import type { SigningPolicy } from './signing-policy.js';
import { apprenticeRoleFor, isMinorOn, signersFor } from './signers.js';

export type PreflightField = 'party' | 'mobile' | 'email' | 'personalId' | 'startDate';

/**
 * One thing to fix before an order is sent. `blocking` problems stop the order unless a person
 * overrides them (the override and its reason are kept in `OrderCreated`); warnings never stop it.
 * The message never contains the contact data itself.
 */
export interface PreflightProblem {
  readonly code: PreflightCode;
  readonly severity: 'blocking' | 'warning';
  readonly role: PartyRole | undefined;
  readonly field: PreflightField;
  readonly message: { readonly nb: string; readonly en: string };
}

const problem = (
  code: PreflightCode,
  role: PartyRole | undefined,
  field: PreflightField,
  nb: string,
  en: string,
  severity: 'blocking' | 'warning' = 'blocking',
): PreflightProblem => ({ code, severity, role, field, message: { nb, en } });

const nb = (role: PartyRole) => roleLabels[role].nb;
const en = (role: PartyRole) => roleLabels[role].en;

/**
 * Every problem with a contract's data at once, before an order is created: the pilot lost days to
 * a wrong mobile number, a missing e-mail and a shared mailbox that no check caught.
 */
export const preflight = (contract: ContractDetails, policy: SigningPolicy, now: DateTime): PreflightProblem[] => {
  const problems: PreflightProblem[] = [];
  const apprenticeRole = apprenticeRoleFor(contract.contractType);
  const apprentice = contract.parties[apprenticeRole];

  if (apprentice === undefined) {
    problems.push(problem('apprentice-missing', apprenticeRole, 'party', `Mangler ${nb(apprenticeRole)} i kontrakten.`, `The contract has no ${en(apprenticeRole)}.`));
  } else {
    checkMobile(apprentice, problems);
    if (apprentice.personalId === undefined) {
      problems.push(
        problem(
          'personal-id-missing',
          apprenticeRole,
          'personalId',
          `Fødselsnummer for ${nb(apprenticeRole)} mangler; signeringstjenesten kan ikke kontrollere identiteten mot det.`,
          `The ${en(apprenticeRole)}'s fødselsnummer is missing; the signing service cannot match the signer's identity to it.`,
          'warning',
        ),
      );
    }
  }

  for (const role of ['faglig-leder', 'daglig-leder'] as const) {
    const leader = contract.parties[role];
    if (leader === undefined) {
      const code = role === 'faglig-leder' ? 'faglig-leder-missing' : 'daglig-leder-missing';
      problems.push(problem(code, role, 'party', `${capital(nb(role))} er ikke registrert i Vigo.`, `No ${en(role)} is registered in Vigo.`));
    } else {
      checkEmail(leader, problems, true);
    }
  }

  const office = contract.parties.opplaeringskontor;
  if (office !== undefined && policy.officeSigns) checkEmail(office, problems, false);

  if (policy.countySignsLast) {
    const county = contract.parties.fylkeskommune;
    if (county === undefined) {
      problems.push(problem('county-signer-missing', 'fylkeskommune', 'party', 'Fylkeskommunens signatar mangler.', "The county's signer is missing."));
    } else {
      checkEmail(county, problems, false);
    }
  }

  if (policy.guardianSignsForMinors && apprentice !== undefined && isMinorOn(apprentice, osloDate(now))) {
    const guardian = contract.parties.foresatt;
    if (guardian === undefined) {
      problems.push(
        problem('guardian-missing', 'foresatt', 'party', `${capital(nb(apprenticeRole))} er under 18 år, og foresatt mangler.`, `The ${en(apprenticeRole)} is under 18 and no guardian is registered.`),
      );
    } else {
      checkMobile(guardian, problems);
    }
  }

  checkSharedContacts(contract, signersFor(contract, policy, osloDate(now)).map((s) => s.role), problems);

  if (contract.startDate === undefined) {
    problems.push(problem('start-date-missing', undefined, 'startDate', 'Oppstartsdato mangler.', 'The start date is missing.'));
  } else if (contract.startDate < osloDate(now)) {
    // Contracts are often signed after the apprentice has started: worth a look, not a stop.
    problems.push(problem('start-date-past', undefined, 'startDate', 'Oppstartsdatoen er passert; sjekk at den stemmer.', 'The start date has passed; check that it is right.', 'warning'));
  }
  return problems;
};

export const blockingProblems = (problems: readonly PreflightProblem[]): PreflightProblem[] =>
  problems.filter((p) => p.severity === 'blocking');

const capital = (s: string): string => s.charAt(0).toLocaleUpperCase('nb') + s.slice(1);

const checkMobile = (party: Party, problems: PreflightProblem[]): void => {
  const { role, mobile } = party;
  if (mobile === undefined) {
    problems.push(problem('mobile-missing', role, 'mobile', `Mobilnummer til ${nb(role)} mangler.`, `The ${en(role)}'s mobile number is missing.`));
  } else if (mobile.kind === 'unallocated') {
    // The pilot's "wrong mobile" at its purest: nobody can receive an SMS at a number that does not exist.
    problems.push(
      problem(
        'mobile-unallocated',
        role,
        'mobile',
        `Mobilnummeret til ${nb(role)} finnes ikke: ${mobile.why!.nb}.`,
        `The ${en(role)}'s mobile number does not exist: ${mobile.why!.en}.`,
      ),
    );
  } else if (mobile.kind === 'invalid') {
    problems.push(
      problem(
        'mobile-invalid',
        role,
        'mobile',
        `Mobilnummeret til ${nb(role)} er ugyldig: ${mobile.why!.nb}.`,
        `The ${en(role)}'s mobile number is invalid: ${mobile.why!.en}.`,
      ),
    );
  } else if (mobile.kind === 'foreign') {
    problems.push(
      problem(
        'mobile-foreign',
        role,
        'mobile',
        `Mobilnummeret til ${nb(role)} er utenlandsk; vi kan ikke vite om SMS-en kommer fram.`,
        `The ${en(role)}'s mobile number is foreign; whether the SMS arrives is unknown.`,
        'warning',
      ),
    );
  }
};

const checkEmail = (party: Party, problems: PreflightProblem[], personalRequired: boolean): void => {
  const { role, email } = party;
  if (email === undefined) {
    problems.push(problem('email-missing', role, 'email', `E-postadressen til ${nb(role)} mangler.`, `The ${en(role)}'s e-mail address is missing.`));
  } else if (email.kind === 'invalid') {
    problems.push(
      problem('email-invalid', role, 'email', `E-postadressen til ${nb(role)} er ugyldig.`, `The ${en(role)}'s e-mail address is invalid: ${email.problem}.`),
    );
  } else if (email.kind === 'shared' && personalRequired) {
    problems.push(
      problem(
        'email-shared-mailbox',
        role,
        'email',
        `E-postadressen til ${nb(role)} ser ut som en fellespostkasse; ${nb(role)} må ha en personlig adresse.`,
        `The ${en(role)}'s e-mail address looks like a shared mailbox; the ${en(role)} needs a personal address.`,
      ),
    );
  }
};

/** Two signers of the same order with one mobile number or one e-mail address; parties who do not sign do not count. */
const checkSharedContacts = (contract: ContractDetails, signing: readonly PartyRole[], problems: PreflightProblem[]): void => {
  const parties = signing.map((role) => contract.parties[role]).filter((p): p is Party => p !== undefined);
  for (let i = 0; i < parties.length; i++) {
    for (let j = i + 1; j < parties.length; j++) {
      const a = parties[i]!;
      const b = parties[j]!;
      const sameMobile = a.mobile !== undefined && a.mobile.problem === undefined && a.mobile.equals(b.mobile);
      const sameEmail = a.email !== undefined && a.email.kind !== 'invalid' && a.email.equals(b.email);
      if (sameMobile || sameEmail) {
        const what = sameMobile ? { nb: 'mobilnummer', en: 'mobile number' } : { nb: 'e-postadresse', en: 'e-mail address' };
        problems.push(
          problem(
            'contact-shared',
            b.role,
            sameMobile ? 'mobile' : 'email',
            `${capital(nb(a.role))} og ${nb(b.role)} har samme ${what.nb}; hver signatar trenger sin egen.`,
            `The ${en(a.role)} and the ${en(b.role)} have the same ${what.en}; each signer needs their own.`,
          ),
        );
      }
    }
  }
};
