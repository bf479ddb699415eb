import { PersonalValue } from '@fagsign/domain';

/**
 * A signer identifier as the service reports it in a status change (fødselsnummer, address or
 * number). Kept as a `PersonalValue` so it is redacted wherever it is printed; only the matching of
 * signers to roles reveals it.
 */
export class ReportedIdentifier extends PersonalValue {
  readonly label = 'signer identifier';
  constructor(value: string) {
    super(value);
  }
}

export type SignerIdentification =
  | { readonly kind: 'personal-id'; readonly personalId: ReportedIdentifier }
  | { readonly kind: 'contact'; readonly email: ReportedIdentifier | undefined; readonly sms: ReportedIdentifier | undefined };
