import { createHash, randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { getCodepage } from '../codec/codepage.ts';
import type { Codepage } from '../codec/codepage.ts';
import { SentenceParser } from '../codec/parser.ts';
import { encodeSentence } from '../codec/sentence.ts';
import type { Faults } from './faults.ts';
import { TOO_MANY_LOGINS } from './faults.ts';
import type { Item } from './model.ts';
import type { SimRouter } from './router.ts';
import { SimTrap } from './router.ts';

/** Live settings a session consults on every command. */
export interface SessionContext {
  readonly router: SimRouter;
  readonly user: string;
  readonly password: string;
  readonly codepage: Codepage;
  latencyMs: number;
  readonly faults: Faults;
  /** Called for `/system/reboot`. */
  onReboot(): void;
  /** Called for every command after login; true means the router just rebooted. */
  onCommand(): boolean;
}

const PRINT_VERBS = new Set(['print', 'getall']);

/**
 * One API session: login, tagged command dispatch, `/cancel`, streams, and reply latency.
 * Replies are delayed as a queue per connection so 20 ms latency does not serialise commands.
 */
export class ApiSession {
  readonly socket: Socket;
  readonly #ctx: SessionContext;
  readonly #parser = new SentenceParser({ maxWordBytes: 1024 * 1024 });
  readonly #streams = new Map<string, () => void>();
  readonly #outbox: { due: number; buf: Buffer }[] = [];
  #timer: NodeJS.Timeout | undefined;
  #loggedIn = false;
  #challenge: Buffer | undefined;
  #badLogins = 0;
  #commands = 0;
  #closed = false;
  #corked = false;

  constructor(socket: Socket, ctx: SessionContext) {
    this.socket = socket;
    this.#ctx = ctx;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const stop of this.#streams.values()) stop();
    this.#streams.clear();
    if (this.#timer) clearTimeout(this.#timer);
    this.socket.destroy();
  }

  #onData(chunk: Buffer): void {
    let sentences: Buffer[][];
    try {
      sentences = this.#parser.push(chunk);
    } catch {
      this.close();
      return;
    }
    for (const words of sentences) {
      if (this.#closed) return;
      this.#handle(words.map((w) => this.#ctx.codepage.decode(w)));
    }
  }

  #send(words: string[][]): void {
    if (this.#closed) return;
    const buf = Buffer.concat(words.map((w) => encodeSentence(w, this.#ctx.codepage)));
    const latency = this.#ctx.latencyMs;
    if (latency <= 0 && this.#outbox.length === 0) {
      this.#write(buf);
      return;
    }
    this.#outbox.push({ due: Date.now() + latency, buf });
    if (!this.#timer) this.#arm();
  }

  #arm(): void {
    const head = this.#outbox[0];
    if (!head) return;
    this.#timer = setTimeout(() => this.#flush(), Math.max(0, head.due - Date.now()));
  }

  #flush(): void {
    this.#timer = undefined;
    const now = Date.now();
    const ready: Buffer[] = [];
    while (this.#outbox.length > 0 && (this.#outbox[0] as { due: number }).due <= now) {
      ready.push((this.#outbox.shift() as { buf: Buffer }).buf);
    }
    if (ready.length > 0) this.#write(Buffer.concat(ready));
    this.#arm();
  }

  #write(buf: Buffer): void {
    if (this.#closed) return;
    if (!this.#corked) {
      this.#corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.#corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(buf);
  }

  #trap(tag: string | undefined, message: string, category?: number): string[][] {
    const t = tagWords(tag);
    const trap = ['!trap', ...t];
    if (category !== undefined) trap.push(`=category=${category}`);
    trap.push(`=message=${message}`);
    return [trap, ['!done', ...t]];
  }

  #fatal(reason: string): void {
    if (this.#closed) return;
    // `!fatal` bypasses latency: the router says it and hangs up.
    this.socket.end(encodeSentence(['!fatal', reason], this.#ctx.codepage));
    this.#closed = true;
    for (const stop of this.#streams.values()) stop();
    this.#streams.clear();
  }

  #handle(words: string[]): void {
    const command = words[0] ?? '';
    let tag: string | undefined;
    const attrs: Record<string, string> = {};
    const queries: string[] = [];
    for (let i = 1; i < words.length; i++) {
      const w = words[i] as string;
      if (w.startsWith('=')) {
        const eq = w.indexOf('=', 1);
        if (eq < 0) attrs[w.slice(1)] = '';
        else attrs[w.slice(1, eq)] = w.slice(eq + 1);
      } else if (w.startsWith('.tag=')) tag = w.slice(5);
      else if (w.startsWith('?')) queries.push(w);
    }
    const faults = this.#ctx.faults;
    if (faults.stall) return;
    if (command === '/login') {
      this.#login(tag, attrs);
      return;
    }
    if (command === '/quit') {
      this.#fatal('session terminated on request');
      return;
    }
    if (!this.#loggedIn) {
      this.#send(this.#trap(tag, 'not logged in', 5));
      return;
    }
    this.#commands++;
    if (this.#ctx.onCommand()) return;
    if (faults.dropAfterCommands !== undefined && this.#commands >= faults.dropAfterCommands) {
      this.close();
      return;
    }
    if (command === '/cancel') {
      this.#cancel(tag, attrs['tag']);
      return;
    }
    let outcome;
    try {
      outcome = this.#ctx.router.execute(command, attrs, queries);
    } catch (err) {
      if (err instanceof SimTrap) {
        this.#send(this.#trap(tag, err.message, err.category));
        return;
      }
      this.#send(this.#trap(tag, `failure: ${(err as Error).message}`, 4));
      return;
    }
    const t = tagWords(tag);
    switch (outcome.kind) {
      case 'reboot':
        this.#ctx.onReboot();
        return;
      case 'done': {
        const out = outcome.rows.map((row) => ['!re', ...t, ...rowWords(row)]);
        const verb = command.slice(command.lastIndexOf('/') + 1);
        if (
          out.length === 0 &&
          this.#ctx.router.version.sendsEmpty &&
          PRINT_VERBS.has(verb) &&
          outcome.ret === undefined
        ) {
          out.push(['!empty', ...t]);
        }
        out.push(
          outcome.ret === undefined ? ['!done', ...t] : ['!done', ...t, `=ret=${outcome.ret}`],
        );
        this.#send(out);
        return;
      }
      case 'stream': {
        if (outcome.initial.length > 0)
          this.#send(outcome.initial.map((row) => ['!re', ...t, ...rowWords(row)]));
        const key = tag ?? '';
        this.#streams.get(key)?.();
        this.#streams.set(
          key,
          outcome.start((row) => this.#send([['!re', ...t, ...rowWords(row)]])),
        );
        return;
      }
    }
  }

  #cancel(tag: string | undefined, target: string | undefined): void {
    const targets = target === undefined ? [...this.#streams.keys()] : [target];
    const out: string[][] = [];
    for (const t of targets) {
      const stop = this.#streams.get(t);
      if (!stop) continue;
      stop();
      this.#streams.delete(t);
      out.push(...this.#trap(t, 'interrupted', 2));
    }
    out.push(['!done', ...tagWords(tag)]);
    this.#send(out);
  }

  #login(tag: string | undefined, attrs: Record<string, string>): void {
    const { router, user, password, faults } = this.#ctx;
    const t = tagWords(tag);
    if (
      router.version.challengeLogin ||
      (attrs['name'] === undefined && attrs['response'] === undefined)
    ) {
      if (attrs['response'] === undefined) {
        this.#challenge = randomBytes(16);
        this.#send([['!done', ...t, `=ret=${this.#challenge.toString('hex')}`]]);
        return;
      }
    }
    let ok: boolean;
    if (attrs['response'] !== undefined) {
      const expected = this.#challenge
        ? `00${createHash('md5')
            .update(Uint8Array.of(0))
            .update(this.#ctx.codepage.encode(password))
            .update(this.#challenge)
            .digest('hex')}`
        : undefined;
      ok = attrs['name'] === user && attrs['response'] === expected;
    } else {
      ok = attrs['name'] === user && attrs['password'] === password;
    }
    if (faults.rejectLogins) ok = false;
    if (ok) {
      this.#loggedIn = true;
      this.#send([['!done', ...t]]);
      return;
    }
    this.#badLogins++;
    if (this.#badLogins >= (faults.fatalAfterBadLogins ?? 3)) {
      this.#fatal(TOO_MANY_LOGINS);
      return;
    }
    const message = router.version.challengeLogin
      ? 'cannot log in'
      : 'invalid user name or password (6)';
    this.#send(this.#trap(tag, message));
  }
}

function tagWords(tag: string | undefined): string[] {
  return tag === undefined ? [] : [`.tag=${tag}`];
}

function rowWords(row: Item): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(row)) out.push(`=${k}=${v}`);
  return out;
}

/** Default codepage of the simulated router. */
export const SIM_CODEPAGE = getCodepage('windows-1252');
