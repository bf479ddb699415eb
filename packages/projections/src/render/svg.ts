/**
 * Horizontal stacked bar charts as inline SVG: no script, no font or stylesheet to fetch, so the
 * HTML report works from a file, offline, in any browser. Each segment carries a <title> for a
 * tooltip, and its count is printed on it when it is wide enough to hold the number.
 */

export interface Series {
  readonly label: string;
  readonly color: string;
}

export interface BarRow {
  readonly label: string;
  readonly values: readonly number[];
}

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const labelWidth = 260;
/** What fits left of the bars at 12 px (about 6.6 px a character, with a margin): longer names are shortened, never cut. */
export const maxLabelChars = 36;

/** A row label that fits; a shortened one ends in "…" and keeps the full name as a tooltip. */
const rowLabel = (label: string, x: number, y: number): string => {
  const chars = [...label];
  if (chars.length <= maxLabelChars) return `<text x="${x}" y="${y}" class="label">${escapeHtml(label)}</text>`;
  return `<g class="row-label"><title>${escapeHtml(label)}</title><text x="${x}" y="${y}" class="label">${escapeHtml(chars.slice(0, maxLabelChars - 1).join('').trimEnd())}…</text></g>`;
};
const barWidth = 520;
const rowHeight = 28;
const legendRow = 22;

export const stackedBars = (options: { id: string; title: string; series: readonly Series[]; rows: readonly BarRow[] }): string => {
  const { id, title, series, rows } = options;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const legendLines = Math.ceil(series.length / 3);
  const top = 30 + legendLines * legendRow;
  const height = top + rows.length * rowHeight + 10;
  const width = labelWidth + barWidth + 60;
  const legend = series
    .map((s, i) => {
      const x = (i % 3) * 260;
      const y = 30 + Math.floor(i / 3) * legendRow;
      return `<rect x="${x}" y="${y - 11}" width="14" height="14" fill="${s.color}"/><text x="${x + 20}" y="${y}" class="legend">${escapeHtml(s.label)}</text>`;
    })
    .join('');
  const bars = rows
    .map((row, r) => {
      const y = top + r * rowHeight;
      let x = labelWidth;
      const total = row.values.reduce((a, b) => a + b, 0);
      const segments = row.values
        .map((value, i) => {
          if (value === 0) return '';
          const w = (value / max) * barWidth;
          const s = series[i]!;
          const segment =
            `<g class="segment" data-series="${escapeHtml(s.label)}" data-value="${value}">` +
            `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowHeight - 8}" fill="${s.color}"><title>${escapeHtml(`${row.label}: ${s.label}: ${value}`)}</title></rect>` +
            (w >= 18 ? `<text x="${(x + w / 2).toFixed(1)}" y="${y + 15}" class="value">${value}</text>` : '') +
            '</g>';
          x += w;
          return segment;
        })
        .join('');
      return `${rowLabel(row.label, labelWidth - 8, y + 15)}${segments}<text x="${(x + 6).toFixed(1)}" y="${y + 15}" class="total">${total}</text>`;
    })
    .join('');
  return (
    `<svg id="${id}" class="chart" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${escapeHtml(title)}</title>` +
    `<text x="0" y="14" class="heading">${escapeHtml(title)}</text>${legend}${bars}</svg>`
  );
};
