/**
 * A mistake the user can fix (a bad flag, an unknown office, a missing file). `main` prints its
 * message as one line on stderr and exits with `exitCode`; never a stack trace.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** 2 for a wrong command line, 1 for anything else. */
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
  override get name(): string {
    return 'UserError';
  }
}
