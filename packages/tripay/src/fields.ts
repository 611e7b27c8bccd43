/**
 * Strict readers for Tripay JSON. Tripay documents numbers, but integer amounts as strings and
 * percents as strings (`"0.70"`) both occur, so each reader accepts exactly the forms seen and
 * rejects anything that would need rounding.
 */

/** Builds the error a reader throws; the client and the callback parser throw different types. */
export type Fail = (message: string) => Error;

const INTEGER_STRING = /^-?\d{1,16}$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const DECIMAL_STRING = /^-?\d{1,16}(\.\d+)?$/;

/** An integer amount as bigint, or undefined when the value is not an exact integer. */
export function toInteger(value: unknown): bigint | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (typeof value === 'string' && INTEGER_STRING.test(value)) return BigInt(value);
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Typed access to one JSON object's fields, failing with the field's path. */
export class Fields {
  readonly raw: Record<string, unknown>;
  readonly #path: string;
  readonly #fail: Fail;

  constructor(value: unknown, path: string, fail: Fail) {
    if (!isRecord(value)) throw fail(`${path} is not an object`);
    this.raw = value;
    this.#path = path;
    this.#fail = fail;
  }

  #error(key: string, expected: string): Error {
    return this.#fail(`${this.#path}.${key} is not ${expected}`);
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  string(key: string): string {
    const v = this.raw[key];
    if (typeof v !== 'string') throw this.#error(key, 'a string');
    return v;
  }

  /** A string, or null when absent, null or empty. */
  optionalString(key: string): string | null {
    const v = this.raw[key];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string') throw this.#error(key, 'a string');
    return v;
  }

  integer(key: string): bigint {
    const v = toInteger(this.raw[key]);
    if (v === undefined) throw this.#error(key, 'an integer');
    return v;
  }

  /** A safe integer as number (timestamps, small counts). */
  safeInteger(key: string): number {
    const v = this.integer(key);
    if (v > MAX_SAFE || v < -MAX_SAFE) throw this.#error(key, 'a safe integer');
    return Number(v);
  }

  optionalSafeInteger(key: string): number | null {
    return this.has(key) ? this.safeInteger(key) : null;
  }

  /** A decimal such as a fee percent, given as a number or a numeric string. */
  decimal(key: string): number {
    const v = this.raw[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && DECIMAL_STRING.test(v)) return Number(v);
    throw this.#error(key, 'a number');
  }

  /** JSON true/false, or the 1/0 PHP APIs often send instead. */
  boolean(key: string): boolean {
    const v = this.raw[key];
    if (v === true || v === 1 || v === '1') return true;
    if (v === false || v === 0 || v === '0') return false;
    throw this.#error(key, 'a boolean');
  }

  object(key: string): Fields {
    return new Fields(this.raw[key], `${this.#path}.${key}`, this.#fail);
  }
}
