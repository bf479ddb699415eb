import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from './user-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What a command reads off its command line (named, since parseArgs' own type cannot be exported). */
export interface CommandLine<O extends Options> {
  readonly values: { readonly [K in keyof O]?: O[K] extends { type: 'string' } ? string : boolean };
  readonly positionals: string[];
}

/**
 * `node:util` parseArgs, strict, with its errors turned into one line a user can act on
 * (`Unknown option '--fromat'`), and a check of each flag's allowed values.
 */
export const parseCommandLine = <O extends Options>(command: string, args: readonly string[], options: O, allowPositionals = false): CommandLine<O> => {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals }) as CommandLine<O>;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    // main prefixes `fagsign COMMAND:`; the command's name is not repeated here
    throw new UserError(`${message.replace(/\. To specify a positional argument.*$/, '')}. See 'fagsign ${command} --help'.`);
  }
};

export const oneOf = <T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T => {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}").`);
};

export const required = (flag: string, value: string | undefined, example: string): string => {
  if (value === undefined || value === '') throw new UserError(`--${flag} is required, for example --${flag} ${example}.`);
  return value;
};
