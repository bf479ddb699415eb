import type { Instant } from '@fagsign/domain';

export interface ProviderErrorDetails {
  /** The HTTP status, when the error came from an answer of the service. */
  readonly httpStatus?: number;
  /** The earliest time worth trying again, when the service said so (429's next permitted poll time). */
  readonly retryAfter?: Instant;
}

/**
 * Every failure of a signing provider. `code` is short and free of personal data ("http-503",
 * "timeout"), fit for an event's `code`; `transient` says whether trying again later may work.
 * Messages never carry the service's answer body: it may echo a fødselsnummer or an address.
 */
export class ProviderError extends Error {
  override readonly name: string = 'ProviderError';
  readonly httpStatus: number | undefined;
  readonly retryAfter: Instant | undefined;

  constructor(
    readonly code: string,
    readonly transient: boolean,
    message: string,
    details: ProviderErrorDetails = {},
  ) {
    super(message);
    this.httpStatus = details.httpStatus;
    this.retryAfter = details.retryAfter;
  }
}

export const isProviderError = (e: unknown): e is ProviderError => e instanceof ProviderError;
