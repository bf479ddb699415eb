const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * A value that is personal data (fødselsnummer, mobile number, e-mail address).
 *
 * The raw text lives in a private field: `String(v)`, template strings, `JSON.stringify`,
 * `console.log` and error messages all see `[mobile: redacted]`, never the value. Code that
 * must send the value somewhere (the signing service, the store's codec) asks for it with
 * `reveal()`, so every place that handles the raw value is easy to find.
 */
export abstract class PersonalValue {
  readonly #value: string;

  protected constructor(value: string) {
    this.#value = value;
  }

  /** What kind of personal value this is, for the redacted text ("mobile", "email", …). */
  abstract readonly label: string;

  reveal(): string {
    return this.#value;
  }

  equals(other: PersonalValue | undefined): boolean {
    return other !== undefined && other.label === this.label && other.#value === this.#value;
  }

  toString(): string {
    return `[${this.label}: redacted]`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}
