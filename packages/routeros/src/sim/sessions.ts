import type { Item, Table } from './model.ts';
import { hash32 } from './random.ts';

/**
 * `/ppp/active` follows `/ppp/secret`: an enabled secret has a session (for the configured
 * share of customers), a disabled or removed one has none, and a kicked client dials again
 * after a short pause if its secret still allows it.
 */
export class PppSessions {
  readonly #secrets: Table;
  readonly #active: Table;
  readonly #ratio: number;
  readonly #redialMs: number;
  readonly #timers = new Set<NodeJS.Timeout>();
  /** Secret id -> session id. */
  readonly #sessionOf = new Map<string, string>();
  #counter = 0x81000000;

  constructor(secrets: Table, active: Table, options: { activeRatio: number; redialMs: number }) {
    this.#secrets = secrets;
    this.#active = active;
    this.#ratio = options.activeRatio;
    this.#redialMs = options.redialMs;
  }

  #online(secret: Item): boolean {
    if (this.#ratio >= 1) return true;
    return hash32(secret['name'] ?? '') / 0x100000000 < this.#ratio;
  }

  /** Brings the session of one secret in line with it. */
  sync(secret: Item, removed = false): void {
    const secretId = secret['.id'] as string;
    const sessionId = this.#sessionOf.get(secretId);
    const session = sessionId === undefined ? undefined : this.#active.items.get(sessionId);
    if (sessionId !== undefined && !session) this.#sessionOf.delete(secretId);
    const want = !removed && secret['disabled'] !== 'true' && this.#online(secret);
    if (!want) {
      if (session) {
        this.#sessionOf.delete(secretId);
        this.#active.delete(session['.id'] as string);
      }
      return;
    }
    if (session) return;
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
      _since: String(Date.now()),
    });
    this.#sessionOf.set(secretId, added['.id'] as string);
  }

  /** A session was removed by an operator: the client dials in again shortly. */
  kicked(session: Item): void {
    const secretId = session['_secret'];
    const t = setTimeout(() => {
      this.#timers.delete(t);
      const secret = secretId === undefined ? undefined : this.#secrets.items.get(secretId);
      if (secret) this.sync(secret);
    }, this.#redialMs);
    t.unref();
    this.#timers.add(t);
  }

  /** Drops every session and re-creates them, as after a reboot. */
  restart(): void {
    for (const id of [...this.#active.items.keys()]) this.#active.delete(id);
    this.#sessionOf.clear();
    for (const s of this.#secrets.items.values()) this.sync(s);
  }

  close(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }
}
