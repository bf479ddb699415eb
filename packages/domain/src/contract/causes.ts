import * as t from 'io-ts';

/**
 * Why a signer could not sign, from a closed set. The signing service reports some of these
 * (rejected, reserved, blocked, …); others only a person can diagnose, because the service gives
 * no bounce signal: a wrong mobile number or an unread shared mailbox just shows as WAITING.
 */
export const SignerFailureCauseCodec = t.keyof(
  {
    'wrong-mobile': null,
    'missing-email': null,
    'shared-mailbox': null,
    rejected: null,
    reserved: null,
    blocked: null,
    'contact-information-missing': null,
    'name-not-available': null,
    other: null,
  },
  'SignerFailureCause',
);
export type SignerFailureCause = t.TypeOf<typeof SignerFailureCauseCodec>;
export const signerFailureCauses = Object.keys(SignerFailureCauseCodec.keys) as SignerFailureCause[];

/** Why an order failed: a signer's cause, or an error at the signing service that was not retried. */
export const OrderFailureCauseCodec = t.keyof(
  { ...SignerFailureCauseCodec.keys, 'provider-error': null },
  'OrderFailureCause',
);
export type OrderFailureCause = t.TypeOf<typeof OrderFailureCauseCodec>;

export const CancelReasonCodec = t.keyof(
  {
    'start-date-changed': null,
    'contact-correction': null,
    'switched-to-manual': null,
    withdrawn: null,
    'cancelled-at-provider': null,
    'staff-decision': null,
  },
  'CancelReason',
);
export type CancelReason = t.TypeOf<typeof CancelReasonCodec>;

export const ManualSigningReasonCodec = t.keyof(
  {
    'signer-did-not-respond': null,
    'order-expired': null,
    'repeated-failures': null,
    'signer-cannot-sign-digitally': null,
    'provider-unavailable': null,
    other: null,
  },
  'ManualSigningReason',
);
export type ManualSigningReason = t.TypeOf<typeof ManualSigningReasonCodec>;

export const WithdrawalReasonCodec = t.keyof(
  { 'contract-cancelled': null, 'registered-in-error': null, 'apprentice-left': null, other: null },
  'WithdrawalReason',
);
export type WithdrawalReason = t.TypeOf<typeof WithdrawalReasonCodec>;

/** Who diagnosed a signer's failure: the signing service's status, or a person on the county's staff. */
export const FailureSourceCodec = t.keyof({ provider: null, staff: null }, 'FailureSource');
export type FailureSource = t.TypeOf<typeof FailureSourceCodec>;

/** The steps after the last signature: archive the signed document, then tell Vigo. */
export const FollowUpStepCodec = t.keyof({ archive: null, vigo: null }, 'FollowUpStep');
export type FollowUpStep = t.TypeOf<typeof FollowUpStepCodec>;
