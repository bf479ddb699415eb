import type * as t from 'io-ts';
import { checkedCodec, Refusal, textRefusal } from './codec-kit.js';
import type { TextLimits } from './text-rule.js';

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
  /** Set when the value was erased: an opaque tag, equal for equal values of one contract, that reveals nothing. */
  readonly #erasedTag: string | undefined;

  protected constructor(value: string) {
    this.#value = value;
    this.#erasedTag = erasedFormOf(value)?.tag;
  }

  /** True when the value was erased (its contract's key deleted): only its kind is known, shown as «slettet». */
  get erased(): boolean {
    return this.#erasedTag !== undefined;
  }

  /** What kind of personal value this is, for the redacted text ("mobile", "email", …). */
  abstract readonly label: string;

  /** The raw text; for an erased value, its stored erased form (never the value, which is gone). */
  reveal(): string {
    return this.#value;
  }

  /** Erased values compare by their tag, so two parties that shared a number still do after erasure. */
  equals(other: PersonalValue | undefined): boolean {
    return other !== undefined && other.label === this.label && other.#value === this.#value;
  }

  /** `[mobile: redacted]` (or `erased`): what a template string, a log line or an error message sees. */
  toString(): string {
    return `[${this.label}: ${this.erased ? 'erased' : 'redacted'}]`;
  }

  /** The redacted text, so `JSON.stringify` never writes the value; the store's codecs use `reveal()`. */
  toJSON(): string {
    return this.toString();
  }

  /** The redacted text, for `console.log` and `util.inspect`. */
  [inspectSymbol](): string {
    return this.toString();
  }
}

/** How an erased value is shown: reports print this where the value was. */
export const erasedText = '«slettet»';

/**
 * The stored form of an erased personal value: `«slettet»:<kind>:<tag>`. The kind (norwegian,
 * personal, fnr, …) is what statistics count and is kept; the tag is a keyed hash under the erased
 * contract key, so it tells equal values of one contract apart from unequal ones and nothing else.
 * Only the adapters that decrypt write it; the codecs below read it back as an erased value.
 */
export const erasedForm = (kind: string, tag: string): string => `${erasedText}:${kind}:${tag}`;

const erasedPattern = /^«slettet»:([a-z]{1,20}):([0-9a-f]{0,64})$/;

/** Reads an erased value's stored form back into its kind and tag; undefined when the text is not an erased form. */
export const erasedFormOf = (text: string): { readonly kind: string; readonly tag: string } | undefined => {
  if (!text.startsWith(erasedText)) return undefined;
  const match = erasedPattern.exec(text);
  return match === null ? undefined : { kind: match[1]!, tag: match[2]! };
};

/** A personal value kept as it was registered, usable or not; `problem` says what is wrong with one that cannot be used. */
interface Classified {
  readonly kind: string;
  readonly problem: string | undefined;
}

/**
 * The two codecs of a classified personal value: `strict` refuses a value with a problem, with its rule
 * (for input that must be right), `registered` keeps any text, classified (for contact data as
 * Vigo holds it, which the pre-flight check judges). Both store the value as text.
 */
export const classifiedCodecs = <V extends PersonalValue & Classified>(
  name: string,
  isValue: (u: unknown) => u is V,
  registered: (raw: string) => V,
  /** The text rule applies to both codecs: even contact data kept as registered is text of bounded length. */
  limits: TextLimits = { maxLength: 320 },
): { readonly strict: t.Type<V, string, unknown>; readonly registered: t.Type<V, string, unknown> } => ({
  strict: checkedCodec<V, string>(
    name,
    (u): u is V => isValue(u) && u.problem === undefined,
    (u) => {
      const refused = textRefusal(u, limits);
      if (refused !== undefined) return refused;
      const value = registered(u as string);
      return value.problem !== undefined ? new Refusal(value.problem) : value;
    },
    (v) => v.reveal(),
  ),
  registered: checkedCodec<V, string>(`Registered${name}`, isValue, (u) => textRefusal(u, limits) ?? registered(u as string), (v) => v.reveal()),
});
