import { describe, expect, it } from 'vitest';
import { errorCodeOf } from './posten-xml.js';

const error = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><error xmlns="http://signering.posten.no/schema/v1"><error-code>${code}</error-code><error-message>x</error-message><error-type>CLIENT</error-type></error>`;

describe('the error code taken from an error answer of the signing service', () => {
  it('keeps a code that is a word', () => {
    expect(errorCodeOf(error('SIGNATURE_JOB_NOT_FOUND'))).toBe('SIGNATURE_JOB_NOT_FOUND');
    expect(errorCodeOf(error('HTTP_404'))).toBe('HTTP_404');
  });

  it('drops a code that holds a run of digits a person could be identified by (fødselsnummer, mobile, organisation number)', () => {
    for (const code of ['14050750028', 'INVALID_14050750028', '91234567', 'SIGNER-974760673']) expect(errorCodeOf(error(code))).toBeUndefined();
  });

  it('drops a code that is not a code at all', () => {
    expect(errorCodeOf(error('kari.fagleder@bilverksted.no is wrong'))).toBeUndefined();
    expect(errorCodeOf('not xml')).toBeUndefined();
  });
});
