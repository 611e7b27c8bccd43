import type { AppDeps } from '../../runtime/deps.ts';
import {
  alertPolicy,
  observeConditions,
  type AlertChange,
  type ConditionInput,
} from '../alerts/conditions.ts';
import type { MonitoringSettings } from '@jaring/contracts';
import {
  subscribersByUsername,
  writePolls,
  writeSessions,
  type PollWrite,
  type SessionClose,
  type SessionOpen,
} from './ingest.ts';
import type { SessionEvent } from './live.ts';
import { evaluateOdpOutages } from './odp-outage.ts';

/** A finished poll waiting to be stored. */
export interface PreparedPoll {
  write: PollWrite;
  sessions: {
    closes: SessionClose[];
    opens: SessionOpen[];
    /** Subscribers whose online state changed (not a reconnect between polls). */
    transitions: { username: string; online: boolean }[];
  } | null;
  conditions: ConditionInput[];
  settings: MonitoringSettings;
}

export interface StoredPoll {
  subscriberSamples: number;
  alertChanges: AlertChange[];
  sessionEvents: SessionEvent[];
}

interface Pending {
  poll: PreparedPoll;
  resolve: (r: StoredPoll) => void;
  reject: (err: unknown) => void;
}

/**
 * Stores polls in shared transactions: polls that finish while a write is in flight go into the
 * next one together (one statement for all their samples and state, one query for their alert
 * state). Each caller is answered once its own transaction has committed. With 200 routers
 * polled at once this turns 800 round trips and 200 commits into a handful.
 */
export class PollWriter {
  readonly #deps: AppDeps;
  readonly #maxBatch: number;
  readonly #writers: number;
  #queue: Pending[] = [];
  #active = 0;

  /** `writers` transactions may be in flight at once (on PGlite they queue on its one connection). */
  constructor(deps: AppDeps, maxBatch = 100, writers = 2) {
    this.#deps = deps;
    this.#maxBatch = maxBatch;
    this.#writers = writers;
  }

  store(poll: PreparedPoll): Promise<StoredPoll> {
    return new Promise<StoredPoll>((resolve, reject) => {
      this.#queue.push({ poll, resolve, reject });
      if (this.#active < this.#writers) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#active += 1;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.#maxBatch);
        try {
          const results = await this.#write(batch.map((p) => p.poll));
          batch.forEach((p, i) => p.resolve(results[i] as StoredPoll));
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.#active -= 1;
    }
  }

  async #write(polls: PreparedPoll[]): Promise<StoredPoll[]> {
    const deps = this.#deps;
    const settings = polls[0]?.settings;
    if (!settings) return [];
    const policy = alertPolicy(settings);
    const now = deps.clock.now();
    return deps.db.transaction(async (tx): Promise<StoredPoll[]> => {
      const counts = await writePolls(
        tx,
        polls.map((p) => p.write),
      );
      const out: StoredPoll[] = polls.map((p) => ({
        subscriberSamples: counts.get(p.write.routerId) ?? 0,
        alertChanges: [],
        sessionEvents: [],
      }));
      const affectedOdps = new Set<string>();
      for (const [i, p] of polls.entries()) {
        if (!p.sessions) continue;
        const routerId = p.write.routerId;
        await writeSessions(tx, routerId, p.write.at, p.sessions.closes, p.sessions.opens);
        const refs = await subscribersByUsername(
          tx,
          routerId,
          p.sessions.transitions.map((t) => t.username.toLowerCase()),
        );
        for (const t of p.sessions.transitions) {
          const ref = refs.get(t.username.toLowerCase());
          if (!ref) continue;
          out[i]?.sessionEvents.push({
            subscriptionId: ref.subscriptionId,
            customerId: ref.customerId,
            routerId,
            online: t.online,
            at: p.write.at,
          });
          if (ref.odpId) affectedOdps.add(ref.odpId);
        }
      }
      const changes = await observeConditions(
        deps,
        tx,
        polls.flatMap((p) => p.conditions),
        policy,
        now,
      );
      if (affectedOdps.size > 0) {
        changes.push(...(await evaluateOdpOutages(deps, tx, [...affectedOdps], policy, now)));
      }
      // Each change goes back to the poll of its router; an ODP alert to the first poll.
      const index = new Map(polls.map((p, i) => [p.write.routerId, i]));
      for (const c of changes) {
        const i = (c.alert.routerId ? index.get(c.alert.routerId) : undefined) ?? 0;
        out[i]?.alertChanges.push(c);
      }
      return out;
    });
  }
}

const writers = new WeakMap<AppDeps, PollWriter>();

/** The process's writer for these deps. */
export function pollWriter(deps: AppDeps): PollWriter {
  let w = writers.get(deps);
  if (!w) {
    w = new PollWriter(deps);
    writers.set(deps, w);
  }
  return w;
}
