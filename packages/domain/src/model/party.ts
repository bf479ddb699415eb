import type * as t from 'io-ts';
import { struct } from './codec-kit.js';
import { DisplayNameCodec } from './office.js';
import { PartyRoleCodec } from './party-role.js';
import { PersonalIdCodec } from './personal-id.js';
import { RegisteredEmailCodec } from './email-address.js';
import { RegisteredMobileCodec } from './mobile-number.js';

/**
 * A person or organisation in a contract, with the contact data registered in Vigo. Mobile and
 * e-mail are kept as registered, valid or not: the pre-flight check, not registration, judges them.
 */
export const PartyCodec = struct(
  'Party',
  { role: PartyRoleCodec, name: DisplayNameCodec },
  { personalId: PersonalIdCodec, mobile: RegisteredMobileCodec, email: RegisteredEmailCodec },
);
export type Party = t.TypeOf<typeof PartyCodec>;

/** The contact fields a correction can change. */
export const ContactChangesCodec = struct(
  'ContactChanges',
  {},
  { name: DisplayNameCodec, personalId: PersonalIdCodec, mobile: RegisteredMobileCodec, email: RegisteredEmailCodec },
);
export type ContactChanges = t.TypeOf<typeof ContactChangesCodec>;
export type ContactField = keyof ContactChanges;
