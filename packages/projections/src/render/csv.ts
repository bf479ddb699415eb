import type { Lang } from '../reports/words.js';
import { formatCell, type Cell, type Sheet } from './sheet.js';

/**
 * CSV that Excel opens right on a Norwegian machine: a UTF-8 byte-order mark (without it Excel
 * reads æøå as Windows-1252), `;` between fields (Norwegian Excel's list separator, since the
 * comma is the decimal mark), CRLF line ends, and RFC 4180 quoting. Numbers keep the decimal
 * comma in bokmål so Excel reads them as numbers. A text cell that Excel would take for a formula
 * (=, +, -, @) gets a leading apostrophe, so no cell from the data can run as one.
 */
export const csvSeparator = ';';
const bom = '\uFEFF';

const quote = (field: string): string => (/[;"\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
const defuse = (field: string): string => (/^[=+\-@\t\r]/.test(field) ? `'${field}` : field);

const field = (cell: Cell, kind: Sheet['columns'][number]['kind'], lang: Lang): string =>
  quote(typeof cell === 'string' ? defuse(cell) : formatCell(cell, kind, lang));

export const renderCsv = (sheet: Sheet, lang: Lang): string => {
  const lines = [sheet.columns.map((c) => quote(c.label)), ...sheet.rows.map((row) => row.map((cell, i) => field(cell, sheet.columns[i]!.kind, lang)))];
  return bom + lines.map((l) => l.join(csvSeparator)).join('\r\n') + '\r\n';
};
