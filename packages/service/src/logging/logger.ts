import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import { prettyLines } from './pretty.js';

export type ServiceLogger = Logger;

export interface LoggerOptions {
  readonly level: string;
  readonly format: 'json' | 'pretty';
  /** Where the lines go; stdout when left out (a test passes its own to read them). */
  readonly destination?: { write(line: string): unknown };
}

/**
 * The service's logger: JSON lines (one object a line, `level` as a word, `time` as ISO) for a
 * machine to read, or short coloured lines for a person at a terminal. Written synchronously to
 * stdout, so no line is lost when the process stops. As a last guard, fields that carry personal
 * data anywhere in fagsign (name, mobile, email, personalId) are censored if they ever reach a log.
 */
export const createLogger = (options: LoggerOptions): ServiceLogger => {
  const out = options.destination ?? pino.destination({ dest: 1, sync: true });
  const stream: DestinationStream = options.format === 'pretty' ? prettyLines(out, process.stdout.isTTY === true && options.destination === undefined) : (out as DestinationStream);
  return pino(
    {
      level: options.level,
      base: { service: 'fagsign' },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['name', 'mobile', 'email', 'personalId', '*.name', '*.mobile', '*.email', '*.personalId'], censor: '[personal data]' },
    },
    stream,
  );
};
