import type { Item, Table } from './model.ts';
import { hash32 } from './random.ts';

/** Why a session ended, for what the router records about it. */
export type SessionEnd = 'kicked' | 'offline' | 'disabled' | 'removed' | 'reboot';

/** What the router does when sessions come and go (dynamic queues and interfaces). */
export interface SessionHooks {
  up(session: Item, secret: Item): void;
  down(session: Item, reason: SessionEnd): void;
}

export interface PppSessionOptions {
  readonly activeRatio: number;
  readonly redialMs: number;
  readonly now: () => number;
  readonly hooks: SessionHooks;
}

/** Upper bound of a redial timer, so a test clock that jumps ahead is noticed soon. */
const REDIAL_POLL_MS = 1000;

/**
 * `/ppp/active` follows `/ppp/secret`: an enabled secret has a session (for the configured
 * share of customers, or as a test forces it), a disabled or removed one has none, and a kicked
 * client dials again after a short pause if its secret still allows it.
 *
 * Redials are due at a time of the simulation clock. They happen on the next command after that
 * time, or when a timer notices, so a test can step an injected clock instead of waiting.
 */
export class PppSessions {
  readonly #secrets: Table;
  readonly #active: Table;
  readonly #ratio: number;
  readonly #redialMs: number;
  readonly #now: () => number;
  readonly #hooks: SessionHooks;
  /** Secret id -> session id. */
  readonly #sessionOf = new Map<string, string>();
  /** Secret id -> clock time its client dials again. */
  readonly #redials = new Map<string, number>();
  /** User name -> forced online (true) or offline (false), over the active ratio. */
  readonly #forced = new Map<string, boolean>();
  #timer: NodeJS.Timeout | undefined;
  #counter = 0x81000000;

  constructor(secrets: Table, active: Table, options: PppSessionOptions) {
    this.#secrets = secrets;
    this.#active = active;
    this.#ratio = options.activeRatio;
    this.#redialMs = options.redialMs;
    this.#now = options.now;
    this.#hooks = options.hooks;
  }

  #online(secret: Item): boolean {
    const forced = this.#forced.get(secret['name'] ?? '');
    if (forced !== undefined) return forced;
    if (this.#ratio >= 1) return true;
    return hash32(secret['name'] ?? '') / 0x100000000 < this.#ratio;
  }

  #end(secretId: string, session: Item, reason: SessionEnd): void {
    this.#sessionOf.delete(secretId);
    this.#active.delete(session['.id'] as string);
    this.#hooks.down(session, reason);
  }

  /**
   * Brings the session of one secret in line with it. `at` is when a new session starts (a
   * redial that fell due before anyone looked started at its due time).
   */
  sync(secret: Item, removed = false, at = this.#now()): void {
    const secretId = secret['.id'] as string;
    const sessionId = this.#sessionOf.get(secretId);
    const session = sessionId === undefined ? undefined : this.#active.items.get(sessionId);
    if (sessionId !== undefined && !session) this.#sessionOf.delete(secretId);
    const disabled = removed || secret['disabled'] === 'true';
    if (disabled || !this.#online(secret)) {
      if (removed) this.#redials.delete(secretId);
      if (session)
        this.#end(secretId, session, disabled ? (removed ? 'removed' : 'disabled') : 'offline');
      return;
    }
    // A kicked client waits for its redial even if the secret changes meanwhile.
    if (session || this.#redials.has(secretId)) return;
    const h = hash32(secret['name'] ?? '');
    const mac = [0x0c, (h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff, 0x01]
      .map((b) => b.toString(16).padStart(2, '0').toUpperCase())
      .join(':');
    const address =
      secret['remote-address'] || `10.${(h >>> 16) & 0x3f}.${(h >>> 8) & 0xff}.${(h & 0xfd) + 2}`;
    const added = this.#active.insert({
      name: secret['name'] ?? '',
      service: secret['service'] === 'any' ? 'pppoe' : (secret['service'] ?? 'pppoe'),
      'caller-id': mac,
      address,
      encoding: '',
      'session-id': `0x${(this.#counter++).toString(16).toUpperCase()}`,
      'limit-bytes-in': secret['limit-bytes-in'] ?? '0',
      'limit-bytes-out': secret['limit-bytes-out'] ?? '0',
      radius: 'false',
      _secret: secretId,
      _since: String(at),
    });
    this.#sessionOf.set(secretId, added['.id'] as string);
    this.#hooks.up(added, secret);
  }

  /** A session was removed by an operator: the client dials in again after the redial delay. */
  kicked(session: Item): void {
    const secretId = session['_secret'];
    if (secretId !== undefined) {
      this.#sessionOf.delete(secretId);
      this.#redials.set(secretId, this.#now() + this.#redialMs);
      this.#arm();
    }
    this.#hooks.down(session, 'kicked');
  }

  /** Dials in every client whose redial is due by the clock. */
  settle(): void {
    if (this.#redials.size === 0) return;
    const now = this.#now();
    for (const [secretId, due] of this.#redials) {
      if (due > now) continue;
      this.#redials.delete(secretId);
      const secret = this.#secrets.items.get(secretId);
      if (secret) this.sync(secret, false, due);
    }
  }

  #arm(): void {
    if (this.#timer || this.#redials.size === 0) return;
    const now = this.#now();
    let next = Infinity;
    for (const due of this.#redials.values()) next = Math.min(next, due);
    const t = setTimeout(
      () => {
        this.#timer = undefined;
        this.settle();
        this.#arm();
      },
      Math.min(Math.max(0, next - now), REDIAL_POLL_MS),
    );
    t.unref();
    this.#timer = t;
  }

  /**
   * Forces users online or offline: an offline user's session ends and the client stays away
   * (no redial) until forced online again. A disabled secret stays without a session either way.
   */
  setOnline(names: readonly string[], online: boolean): void {
    const wanted = new Set(names);
    for (const n of wanted) this.#forced.set(n, online);
    for (const secret of this.#secrets.items.values()) {
      if (!wanted.has(secret['name'] ?? '')) continue;
      const id = secret['.id'] as string;
      // Coming back online is a fresh dial, not the end of a pending kick pause.
      if (online) this.#redials.delete(id);
      this.sync(secret);
    }
  }

  /** Drops every session and re-creates them, as after a reboot. */
  restart(): void {
    for (const [secretId, sessionId] of [...this.#sessionOf]) {
      const session = this.#active.items.get(sessionId);
      if (session) this.#end(secretId, session, 'reboot');
    }
    this.#sessionOf.clear();
    for (const id of [...this.#active.items.keys()]) this.#active.delete(id);
    this.#redials.clear();
    for (const s of this.#secrets.items.values()) this.sync(s);
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#redials.clear();
  }
}
