import type { TFunction } from 'i18next';

/**
 * The import preview explains skips in English prose; the known ones are shown in the
 * operator's language, anything else (a newer server) as the server wrote it.
 */
const PATTERNS: readonly [RegExp, string][] = [
  [/^already managed by Jaring$/, 'owned'],
  [/^user name has characters Jaring does not accept$/, 'badUsername'],
  [/^a Jaring subscription already uses this user name$/, 'usernameTaken'],
  [/^profile (?<profile>.+) cannot be imported$/, 'profileBlocked'],
  [/^no rate limit on the router/, 'noRateLimit'],
  [/^a (?<type>\w+) plan already uses the name (?<profile>.+)$/, 'planTypeClash'],
];

export function importReason(reason: string | null, t: TFunction): string | null {
  if (!reason) return reason;
  for (const [pattern, key] of PATTERNS) {
    const match = pattern.exec(reason);
    if (match) {
      return t(`routerImport.reasons.${key}`, { ...match.groups, defaultValue: reason });
    }
  }
  return reason;
}
