import type { DestinationStream } from 'pino';

const colours: Record<string, string> = { fatal: '35', error: '31', warn: '33', info: '32', debug: '36', trace: '90' };
const hidden = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname']);

/**
 * A small formatter for a person at a terminal: `12:00:01.234 INFO  msg key=value …`. Our own
 * rather than pino-pretty: forty lines instead of a dozen dependencies and a worker thread, and
 * the JSON lines stay the format a machine reads.
 */
export const prettyLines = (out: { write(line: string): unknown }, colour: boolean): DestinationStream => ({
  write(line: string) {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      out.write(line);
      return;
    }
    const level = String(entry.level ?? 'info');
    const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
    const label = level.toUpperCase().padEnd(5);
    const fields = Object.entries(entry)
      .filter(([key]) => !hidden.has(key))
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    const shown = colour ? `\u001b[${colours[level] ?? '0'}m${label}\u001b[0m` : label;
    out.write(`${time} ${shown} ${String(entry.msg ?? '')}${fields === '' ? '' : `  ${fields}`}\n`);
  },
});
