import { printable } from '@fagsign/domain';
import type { Lang } from '../reports/words.js';
import { text } from './labels.js';
import { formatCell, type Sheet } from './sheet.js';

/** Long text (the next step) wraps at this width, so a row stays readable in a terminal. */
const maxTextWidth = 48;

const width = (s: string): number => [...s].length;
const pad = (s: string, n: number, right: boolean): string => (right ? ' '.repeat(n - width(s)) + s : s + ' '.repeat(n - width(s)));

const wrap = (s: string, max: number): string[] => {
  if (width(s) <= max) return [s];
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(' ')) {
    if (line !== '' && width(line) + 1 + width(word) > max) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
};

/** A sheet as a plain-text table for a terminal: numbers right-aligned, long text wrapped, sums set apart. */
export const renderTable = (sheet: Sheet, lang: Lang): string => {
  // printable: a name stored before the text rule, or typed by a company, never drives the terminal
  const cells = sheet.rows.map((row) => row.map((cell, i) => wrap(printable(formatCell(cell, sheet.columns[i]!.kind, lang) || (cell === null ? '–' : '')), maxTextWidth)));
  const widths = sheet.columns.map((c, i) => Math.max(width(c.label), ...cells.map((row) => Math.max(...row[i]!.map(width)))));
  const line = (parts: string[]): string => parts.join('  ').trimEnd();
  const rule = line(widths.map((w) => '─'.repeat(w)));
  const out = [printable(sheet.title), '', line(sheet.columns.map((c, i) => pad(printable(c.label), widths[i]!, c.kind !== 'text'))), rule];
  cells.forEach((row, r) => {
    if (sheet.totals?.has(r) === true) out.push(rule);
    const height = Math.max(...row.map((lines) => lines.length));
    for (let l = 0; l < height; l++) out.push(line(row.map((lines, i) => pad(lines[l] ?? '', widths[i]!, sheet.columns[i]!.kind !== 'text'))));
  });
  if (sheet.rows.length === 0) out.push(text.nothing[lang]);
  if (sheet.notes !== undefined) out.push('', ...sheet.notes.map((note) => printable(note)));
  return `${out.join('\n')}\n`;
};

export const renderTables = (sheets: readonly Sheet[], lang: Lang): string => sheets.map((s) => renderTable(s, lang)).join('\n');
