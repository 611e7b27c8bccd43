/**
 * Typed errors. `retryable` tells a caller whether trying again (possibly on another connection)
 * can succeed; `sent` tells whether the router may already have executed the command.
 */

/** Base class of every error this package throws. */
export class RouterOSError extends Error {
  override name = 'RouterOSError';
  /** Stable machine-readable code. */
  readonly code: string;
  /** Whether the same command may succeed if tried again. */
  readonly retryable: boolean;
  constructor(code: string, message: string, retryable: boolean, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.retryable = retryable;
  }
}

/** Category numbers RouterOS attaches to `!trap` (documented 0..7). */
export const TRAP_CATEGORIES = [
  'missing-item-or-command',
  'argument-value-failure',
  'execution-interrupted',
  'scripting-failure',
  'general-failure',
  'api-failure',
  'tty-failure',
  'return-value',
] as const;

/** The router refused a command with `!trap`. Not retryable: the same input fails again. */
export class TrapError extends RouterOSError {
  override name = 'TrapError';
  /** Numeric category (0..7) when the router sent one. */
  readonly category: number | undefined;
  /** The command that failed, for logs. */
  readonly command: string;
  constructor(message: string, category: number | undefined, command: string) {
    super('ROS_TRAP', message, false);
    this.category = category;
    this.command = command;
  }
  /** Category name, e.g. `argument-value-failure`. */
  get categoryName(): string | undefined {
    return this.category === undefined ? undefined : TRAP_CATEGORIES[this.category];
  }
}

/** `!fatal`: the router is closing the connection. */
export class FatalError extends RouterOSError {
  override name = 'FatalError';
  constructor(reason: string) {
    super('ROS_FATAL', reason, true);
  }
}

/** Login rejected (bad credentials, or `!fatal` after repeated failures). Not retryable. */
export class LoginError extends RouterOSError {
  override name = 'LoginError';
  constructor(message: string, options?: ErrorOptions) {
    super('ROS_LOGIN', message, false, options);
  }
}

/**
 * The connection failed or dropped. When `sent` is true the router may have run the command
 * before the link died, so only idempotent commands are re-sent automatically.
 */
export class ConnectionError extends RouterOSError {
  override name = 'ConnectionError';
  readonly sent: boolean;
  constructor(message: string, sent: boolean, options?: ErrorOptions) {
    super('ROS_CONNECTION', message, true, options);
    this.sent = sent;
  }
}

/** Connect, login or command timed out. */
export class TimeoutError extends RouterOSError {
  override name = 'TimeoutError';
  readonly sent: boolean;
  constructor(message: string, sent: boolean) {
    super('ROS_TIMEOUT', message, true);
    this.sent = sent;
  }
}

/** The command was cancelled by the caller (abort signal or stream cancel). */
export class CancelledError extends RouterOSError {
  override name = 'CancelledError';
  constructor(message = 'command cancelled') {
    super('ROS_CANCELLED', message, false);
  }
}

/** The circuit breaker for the router is open; the call was not attempted. */
export class BreakerOpenError extends RouterOSError {
  override name = 'BreakerOpenError';
  /** When the breaker will let a trial call through (epoch ms). */
  readonly retryAt: number;
  constructor(target: string, retryAt: number) {
    super('ROS_BREAKER_OPEN', `circuit breaker open for ${target}`, true);
    this.retryAt = retryAt;
  }
}

/** The REST API answered with an HTTP error. */
export class RestError extends RouterOSError {
  override name = 'RestError';
  readonly status: number;
  readonly detail: string | undefined;
  constructor(status: number, message: string, detail?: string) {
    super('ROS_REST', message, status >= 500 || status === 429);
    this.status = status;
    this.detail = detail;
  }
}
