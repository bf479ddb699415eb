import type { Lang } from '../reports/words.js';

/**
 * A report as a plain table, which the terminal, CSV and HTML renderers all print. Cells hold
 * raw values; each renderer formats numbers its own way (a decimal comma for bokmål in CSV, so
 * Norwegian Excel reads them as numbers).
 */
export type Cell = string | number | null;
export type ColumnKind = 'text' | 'count' | 'decimal' | 'percent';

export interface Column {
  readonly label: string;
  readonly kind: ColumnKind;
}

export interface Sheet {
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  /** Rows that are sums (printed in bold, or set apart), by index. */
  readonly totals?: ReadonlySet<number>;
  /** The legend: what a column means, where its name alone could be read two ways. */
  readonly notes?: readonly string[];
}

/** A number as people read it: one decimal for days and percentages, the decimal mark by language. */
export const formatCell = (cell: Cell, kind: ColumnKind, lang: Lang): string => {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  const value = kind === 'percent' ? cell * 100 : cell;
  const text = kind === 'count' ? String(Math.round(value)) : value.toFixed(1);
  return lang === 'nb' ? text.replace('.', ',') : text;
};
