export const EXPIRY_CHOICES = ['never', '7', '30', '90', '365'] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

/** The ISO expiry for a choice of days from now, or null for a token that never expires. */
export function expiryFor(choice: ExpiryChoice, now: number = Date.now()): string | null {
  if (choice === 'never') return null;
  return new Date(now + Number(choice) * 86_400_000).toISOString();
}
