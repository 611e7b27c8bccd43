/** Form text to the values an API takes. */

/** Trimmed text, or null when empty. */
export function orNull(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}

/** Whole numbers only; anything else stays NaN for the schema to reject. */
export function wholeNumber(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * A write-only secret's change: an empty input is left out (the stored secret is kept), null
 * removes it, text replaces it.
 */
export function secretChange<K extends string>(
  key: K,
  value: string | null,
): Partial<Record<K, string | null>> {
  return value === '' ? {} : ({ [key]: value } as Record<K, string | null>);
}
