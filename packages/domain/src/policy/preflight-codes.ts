import * as t from 'io-ts';

/** Every problem the pre-flight check can find before an order is sent. */
export const PreflightCodeCodec = t.keyof(
  {
    'apprentice-missing': null,
    'faglig-leder-missing': null,
    'daglig-leder-missing': null,
    'county-signer-missing': null,
    'guardian-missing': null,
    'mobile-missing': null,
    'mobile-invalid': null,
    'mobile-unallocated': null,
    'mobile-foreign': null,
    'email-missing': null,
    'email-invalid': null,
    'email-shared-mailbox': null,
    'personal-id-missing': null,
    'contact-shared': null,
    'start-date-missing': null,
    'start-date-past': null,
  },
  'PreflightCode',
);
export type PreflightCode = t.TypeOf<typeof PreflightCodeCodec>;
export const preflightCodes = Object.keys(PreflightCodeCodec.keys) as PreflightCode[];
