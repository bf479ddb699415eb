import type { Lang } from '@fagsign/projections';
import { pageWords, type PageWords } from './page-words.js';
import type { StaffIdentity } from './staff-settings.js';

/** Escapes text for HTML content and attribute values (quoted with "). Every value on a page goes through it. */
export const esc = (value: string | number): string =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A tagged template whose values are escaped, unless they are already `Html`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}
type Part = Html | string | number | null | undefined | readonly Part[];
const render = (part: Part): string =>
  part === null || part === undefined ? '' : part instanceof Html ? part.text : Array.isArray(part) ? part.map(render).join('') : esc(part as string | number);
export const html = (strings: TemplateStringsArray, ...values: Part[]): Html =>
  new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));

/** Where a page's links point, keeping the language. */
export const href = (path: string, lang: Lang): string => (lang === 'en' ? `${path}?lang=en` : path);

export interface PageFrame {
  readonly lang: Lang;
  readonly title: string;
  readonly identity: StaffIdentity;
  readonly current: 'status' | 'attention' | 'contract';
  /** The same page in the other language. */
  readonly path: string;
}

/** The page around every page: landmarks, a skip link, the navigation, the stylesheet (no inline style, no script). */
export const layout = (frame: PageFrame, body: Html): string => {
  const w: PageWords = pageWords[frame.lang];
  const other: Lang = frame.lang === 'nb' ? 'en' : 'nb';
  const nav = (key: 'status' | 'attention', path: string, label: string) =>
    html`<li><a href="${href(path, frame.lang)}"${frame.current === key ? new Html(' aria-current="page"') : ''}>${label}</a></li>`;
  const who = frame.identity.role === 'county' ? w.countyStaff(frame.identity.county) : w.officeStaff(frame.identity.office ?? '');
  return `<!doctype html>
${html`<html lang="${frame.lang === 'nb' ? 'nb' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} – fagsign</title>
<link rel="stylesheet" href="/static/staff.css">
</head>
<body>
<a class="skip" href="#main">${w.skip}</a>
<header>
<p class="brand">fagsign</p>
<nav aria-label="${w.navigation}"><ul>${nav('status', '/status', w.statusTitle)}${nav('attention', '/attention', w.attentionTitle)}</ul></nav>
<p class="who">${who} · <a href="${href(frame.path, other)}" lang="${other}" hreflang="${other}">${w.otherLanguage}</a></p>
</header>
<main id="main">
<h1>${frame.title}</h1>
${body}
</main>
</body>
</html>`}\n`;
};
