import type { FeeBearer, GatewayEnvironment, GatewayId } from '@jaring/contracts';
import { eq } from 'drizzle-orm';
import type { SecretBox } from '../../crypto/secret-box.ts';
import type { Executor } from '../../db/database.ts';
import { paymentGateways } from '../../db/schema/index.ts';

export interface GatewayCredentials {
  serverKey?: string;
  apiKey?: string;
  privateKey?: string;
}

/** A gateway's settings with its credentials decrypted: only ever held in memory. */
export interface GatewayConfig {
  gateway: GatewayId;
  enabled: boolean;
  environment: GatewayEnvironment;
  channels: string[];
  feeBearer: FeeBearer;
  fees: Record<string, { flat: string; percentBp: number }>;
  expiryMinutes: number;
  merchantCode: string | null;
  apiBaseUrl: string | null;
  credentials: GatewayCredentials;
  updatedAt: Date | null;
}

export type GatewayRow = typeof paymentGateways.$inferSelect;

export function credentialsContext(gateway: GatewayId): string {
  return `payment_gateways.credentials:${gateway}`;
}

export function defaultConfig(gateway: GatewayId): GatewayConfig {
  return {
    gateway,
    enabled: false,
    environment: 'sandbox',
    channels: [],
    feeBearer: gateway === 'midtrans' ? 'operator' : 'customer',
    fees: {},
    expiryMinutes: 24 * 60,
    merchantCode: null,
    apiBaseUrl: null,
    credentials: {},
    updatedAt: null,
  };
}

export function toConfig(row: GatewayRow, box: SecretBox): GatewayConfig {
  const gateway = row.gateway as GatewayId;
  let credentials: GatewayCredentials = {};
  if (row.credentials) {
    const parsed = JSON.parse(box.decrypt(row.credentials, credentialsContext(gateway))) as unknown;
    if (typeof parsed === 'object' && parsed !== null) credentials = parsed;
  }
  return {
    gateway,
    enabled: row.enabled,
    environment: row.environment as GatewayEnvironment,
    channels: row.channels,
    feeBearer: row.feeBearer as FeeBearer,
    fees: row.fees,
    expiryMinutes: row.expiryMinutes,
    merchantCode: row.merchantCode,
    apiBaseUrl: row.apiBaseUrl,
    credentials,
    updatedAt: row.updatedAt,
  };
}

export async function selectGatewayRow(
  db: Executor,
  gateway: GatewayId,
): Promise<GatewayRow | undefined> {
  const [row] = await db.select().from(paymentGateways).where(eq(paymentGateways.gateway, gateway));
  return row;
}

const CACHE_MS = 5_000;

/**
 * Gateway settings are read on every notification (the keys verify it). They change rarely, so
 * each process keeps them a few seconds; a change made on this node is seen at once, one made
 * on another node within the cache time.
 */
export class GatewayConfigCache {
  readonly #entries = new Map<GatewayId, { config: GatewayConfig; at: number }>();

  async get(db: Executor, box: SecretBox, gateway: GatewayId): Promise<GatewayConfig> {
    const hit = this.#entries.get(gateway);
    const now = Date.now();
    if (hit && now - hit.at < CACHE_MS) return hit.config;
    const row = await selectGatewayRow(db, gateway);
    const config = row ? toConfig(row, box) : defaultConfig(gateway);
    this.#entries.set(gateway, { config, at: now });
    return config;
  }

  invalidate(gateway: GatewayId): void {
    this.#entries.delete(gateway);
  }
}

const caches = new WeakMap<SecretBox, GatewayConfigCache>();

/** One cache per app (keyed by its SecretBox, which every app instance has its own of). */
export function configCache(box: SecretBox): GatewayConfigCache {
  let cache = caches.get(box);
  if (!cache) {
    cache = new GatewayConfigCache();
    caches.set(box, cache);
  }
  return cache;
}

export async function loadGatewayConfig(
  deps: { db: Executor; secretBox: SecretBox },
  gateway: GatewayId,
): Promise<GatewayConfig> {
  return configCache(deps.secretBox).get(deps.db, deps.secretBox, gateway);
}

/** Enabled with every credential it needs. */
export function isReady(c: GatewayConfig): boolean {
  if (!c.enabled) return false;
  if (c.gateway === 'midtrans') return Boolean(c.credentials.serverKey);
  return Boolean(c.credentials.apiKey && c.credentials.privateKey && c.merchantCode);
}

/** Keys present to verify notifications, whether or not the gateway takes new checkouts. */
export function canVerify(c: GatewayConfig): boolean {
  return c.gateway === 'midtrans'
    ? Boolean(c.credentials.serverKey)
    : Boolean(c.credentials.privateKey);
}
