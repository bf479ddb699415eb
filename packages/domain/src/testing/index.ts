export { contractSpec, SpecFailure, type When, type Then } from './spec.js';
export {
  countyArb,
  contractTypeArb,
  contractIdArb,
  orgNumberArb,
  officeArb,
  companyArb,
  personNameArb,
  personalIdArb,
  norwegianMobileTextArb,
  foreignMobileTextArb,
  invalidMobileTextArb,
  mobileArb,
  personalEmailArb,
  sharedEmailArb,
  invalidEmailArb,
  partyArb,
  type PartyOptions,
  startDateArb,
  registerContractArb,
  type RegistrationOptions,
  instantArb,
  contractCommandArb,
} from './arbitraries.js';
export {
  sampleRegistration,
  type SampleContractOptions,
  sampleOffice,
  sampleOrgNumber,
  samplePersonalId,
  sampleMobile,
} from './sample-contract.js';
export { contractHistoryArb, type GeneratedHistory, type HistoryOptions } from './history.js';
