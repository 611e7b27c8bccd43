/** RouterOS version facts the simulator switches behaviour on. */
export interface SimVersion {
  readonly text: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** < 6.43: `/login` answers with a challenge. */
  readonly challengeLogin: boolean;
  /** >= 7.18: prints with no rows answer `!empty`. */
  readonly sendsEmpty: boolean;
  /** v7 prints booleans as true/false, v6 as yes/no. */
  readonly boolWords: readonly [string, string];
  /** REST exists from 7.1. */
  readonly rest: boolean;
}

/** Parses `6.42.1`, `7.16`, `7.18+` (the `+` is accepted for "7.18 or later"). */
export function parseVersion(text: string): SimVersion {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?\+?$/.exec(text.trim());
  if (!m) throw new RangeError(`invalid RouterOS version: '${text}'`);
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const patch = Number(m[3] ?? 0);
  const at = (a: number, b: number): boolean => major > a || (major === a && minor >= b);
  return {
    text: text.replace(/\+$/, ''),
    major,
    minor,
    patch,
    challengeLogin: !at(6, 43),
    sendsEmpty: at(7, 18),
    boolWords: major >= 7 ? ['true', 'false'] : ['yes', 'no'],
    rest: at(7, 1),
  };
}
