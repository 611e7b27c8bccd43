/**
 * Fault injection switches, read live by every session so tests can flip them mid-run.
 */
export interface Faults {
  /** Close a connection without a reply when it receives its Nth command after login. */
  dropAfterCommands?: number | undefined;
  /**
   * Reboot (close every session without a reply, then refuse for `rebootDownMs`) when the
   * router as a whole has received this many commands since the fault was set.
   */
  rebootAfterCommands?: number | undefined;
  /** How long a reboot refuses connections (default 1000 ms). */
  rebootDownMs?: number | undefined;
  /** Accept connections and commands but never answer (like a hung router or a filter). */
  stall?: boolean | undefined;
  /** Stop listening: new connections are refused. */
  refuse?: boolean | undefined;
  /** Every login fails with the bad-credentials trap. */
  rejectLogins?: boolean | undefined;
  /** After this many failed logins on one connection the router sends `!fatal` (default 3). */
  fatalAfterBadLogins?: number | undefined;
}

/** Reason word the simulator sends with `!fatal` after too many bad logins. */
export const TOO_MANY_LOGINS = 'too many failed logins';
