/*
 * Text and attribute values for the XML we build by hand. Characters XML 1.0 cannot carry at all
 * (most control characters) are dropped rather than escaped: a stray tab pasted into a title must
 * not make the service refuse the job.
 */

// eslint-disable-next-line no-control-regex
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const xmlText = (value: string): string =>
  value.replace(notXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const xmlAttribute = (value: string): string =>
  xmlText(value).replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

export const postenNamespace = 'http://signering.posten.no/schema/v1';
