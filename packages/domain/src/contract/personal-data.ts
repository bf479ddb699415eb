import type { Party } from '../model/party.js';
import type { PartyRole } from '../model/party-role.js';
import type { EventType } from './events.js';

/**
 * Where personal data sits in each event's stored form. A path is a list of keys; `*` stands for
 * every item of a list. The last key names a person's name (plain text) or a personal value
 * (fødselsnummer, mobile, e-mail). The adapters encrypt exactly these, per contract, so the
 * domain needs to know nothing about keys; a new event type that carries personal data must be
 * listed here (a test walks every event type's codec to check that none is missed).
 */
export type PersonalDataPath = readonly string[];

const partyFields = ['name', 'personalId', 'mobile', 'email'] as const;

/** Per event type, the paths to its personal values: what the adapters encrypt with the contract's data key. */
export const personalDataPaths: { readonly [K in EventType]?: readonly PersonalDataPath[] } = {
  ContractRegistered: partyFields.map((field) => ['parties', '*', field]),
  ContactDataCorrected: partyFields.map((field) => ['changes', field]),
};

/** Does any party hold a personal value that was erased? */
export const hasErasedPersonalData = (parties: Readonly<Partial<Record<PartyRole, Party>>>): boolean => {
  for (const party of Object.values(parties)) {
    if (party === undefined) continue;
    if (party.personalId?.erased === true || party.mobile?.erased === true || party.email?.erased === true) return true;
  }
  return false;
};
