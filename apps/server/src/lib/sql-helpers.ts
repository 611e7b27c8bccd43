import { DomainError } from './errors.ts';

/** The PostgreSQL unique-violation constraint name, whatever driver or wrapper raised it. */
export function uniqueViolation(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const o = e as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (o.code === '23505') return typeof o.constraint === 'string' ? o.constraint : '';
    e = o.cause;
  }
  return undefined;
}

/** A 400 pointing at one request field. */
export function invalidField(path: string, message: string, code = 'invalid'): DomainError {
  return new DomainError('validation_failed', message, { fields: [{ path, message, code }] });
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Rows of a raw `db.execute()`: both drivers answer `{ rows }`. */
export async function rowsOf<T>(result: Promise<unknown>): Promise<T[]> {
  return ((await result) as { rows: T[] }).rows;
}

/** Awaits a write, turning a unique violation into the caller's domain error. */
export async function onUnique<T>(
  write: Promise<T>,
  toError: (constraint: string) => Error,
): Promise<T> {
  try {
    return await write;
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint !== undefined) throw toError(constraint);
    throw err;
  }
}

/** The keys of `input` that are present, for partial updates. */
export function pick<T extends object, K extends keyof T>(
  input: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (input[k] !== undefined) out[k] = input[k];
  return out;
}
