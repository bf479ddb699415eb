import * as t from 'io-ts';

/**
 * Who takes part in a contract.
 * - `laerling` / `kandidat`: the apprentice or candidate; signs by a link sent by SMS.
 * - `faglig-leder`: the professional leader at the company; signs by a link sent by e-mail.
 * - `daglig-leder`: the managing or responsible leader (daglig/ansvarlig leder), signs for the company.
 * - `opplaeringskontor`: the training office's representative, where an office holds the apprentice.
 * - `fylkeskommune`: the county's own signer; some counties sign last.
 * - `foresatt`: a guardian; not required for these contracts, but a county may ask for it for minors.
 */
export const PartyRoleCodec = t.keyof(
  {
    laerling: null,
    kandidat: null,
    'faglig-leder': null,
    'daglig-leder': null,
    opplaeringskontor: null,
    fylkeskommune: null,
    foresatt: null,
  },
  'PartyRole',
);
export type PartyRole = t.TypeOf<typeof PartyRoleCodec>;
export const partyRoles = Object.keys(PartyRoleCodec.keys) as PartyRole[];

export type ApprenticeRole = Extract<PartyRole, 'laerling' | 'kandidat'>;
export const isApprenticeRole = (role: PartyRole): role is ApprenticeRole =>
  role === 'laerling' || role === 'kandidat';

/** How the signing service reaches a signer: SMS for the apprentice and guardian, e-mail for the rest. */
export type NotificationChannel = 'sms' | 'email';
export const channelFor = (role: PartyRole): NotificationChannel =>
  isApprenticeRole(role) || role === 'foresatt' ? 'sms' : 'email';

export const roleLabels: Record<PartyRole, { nb: string; en: string }> = {
  laerling: { nb: 'lærling', en: 'apprentice' },
  kandidat: { nb: 'kandidat', en: 'candidate' },
  'faglig-leder': { nb: 'faglig leder', en: 'professional leader' },
  'daglig-leder': { nb: 'daglig leder', en: 'managing leader' },
  opplaeringskontor: { nb: 'opplæringskontor', en: 'training office' },
  fylkeskommune: { nb: 'fylkeskommune', en: 'county' },
  foresatt: { nb: 'foresatt', en: 'guardian' },
};
