/*
 * ASCII digits read by character code, for the hand-written checks of ids, dates and numbers (every
 * read of a stored event runs them, so no regular expression and no substring is built).
 */

/** Whether a character code is an ASCII digit, 0–9. */
export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** The value of the ASCII digit at `i` (meaningful only where `isDigitAt`). */
export const digitAt = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** Whether the character at `i` is an ASCII digit. */
export const isDigitAt = (s: string, i: number): boolean => isDigitCode(s.charCodeAt(i));

/** The two-digit number at `i` (meaningful only where both are digits). */
export const twoDigitsAt = (s: string, i: number): number => digitAt(s, i) * 10 + digitAt(s, i + 1);

/** Whether `s` is exactly `length` ASCII digits. */
export const isDigits = (s: string, length: number): boolean => {
  if (s.length !== length) return false;
  for (let i = 0; i < length; i++) if (!isDigitAt(s, i)) return false;
  return true;
};
