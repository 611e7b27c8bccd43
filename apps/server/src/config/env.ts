import ipaddr from 'ipaddr.js';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable Jaring reads, validated once at boot. Anything that reads
 * `process.env` elsewhere is a bug: it would bypass this validation.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const cidrList = z.string().transform((raw, ctx): string[] => {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const item of items) {
    if (!isIpOrCidr(item)) {
      ctx.addIssue({ code: 'custom', message: `"${item}" is not an IP address or CIDR range` });
      return z.NEVER;
    }
  }
  return items;
});

function isIpOrCidr(value: string): boolean {
  if (value.includes('/')) {
    try {
      ipaddr.parseCIDR(value);
      return true;
    } catch {
      return false;
    }
  }
  return ipaddr.isValid(value);
}

const booleanish = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => {
  return v === 'true' || v === '1' || v === 'yes';
});

/** `TRUST_PROXY`: `true`/`false`, a hop count, or a list of proxy addresses/CIDRs. */
const trustProxy = z.string().transform((raw, ctx): boolean | number | string[] => {
  const value = raw.trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const parsed = cidrList.safeParse(value);
  if (!parsed.success) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be true, false, a hop count, or a comma-separated list of IPs/CIDRs',
    });
    return z.NEVER;
  }
  return parsed.data;
});

const timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Asia/Jakarta' },
);

const postgresUrl = z
  .url({ message: 'must be a postgres:// or postgresql:// URL' })
  .refine((u) => /^postgres(ql)?:\/\//.test(u), {
    message: 'must be a postgres:// or postgresql:// URL',
  });

const redisUrl = z
  .url({ message: 'must be a redis:// or rediss:// URL' })
  .refine((u) => /^rediss?:\/\//.test(u), { message: 'must be a redis:// or rediss:// URL' });

const appKey = z.string().refine(
  (v) => {
    const buf = Buffer.from(v.replace(/^base64:/, ''), 'base64');
    return buf.length === 32;
  },
  { message: 'must be 32 random bytes encoded as base64 (e.g. `openssl rand -base64 32`)' },
);

const emptyAsUndefined = (v: unknown): unknown => (v === '' ? undefined : v);

export const envSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyAsUndefined,
    z.enum(['production', 'development', 'test']).default('production'),
  ),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default('0.0.0.0')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).default('./data')),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_REPLICA_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_POOL_MAX: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(500).default(10),
  ),
  REDIS_URL: z.preprocess(emptyAsUndefined, redisUrl.optional()),
  REDIS_KEY_PREFIX: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9:_.-]{1,64}$/, { message: 'letters, digits and :_.- only' })
      .default('jaring:'),
  ),
  APP_KEY: z.preprocess(emptyAsUndefined, appKey.optional()),
  APP_PREVIOUS_KEYS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      )
      .pipe(z.array(appKey))
      .optional(),
  ),
  APP_URL: z.preprocess(emptyAsUndefined, z.url({ message: 'must be an absolute URL' }).optional()),
  APP_TIMEZONE: z.preprocess(emptyAsUndefined, timezone.optional()),
  TZ: z.preprocess(emptyAsUndefined, timezone.optional()),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(LOG_LEVELS).default('info')),
  ADMIN_EMAIL: z.preprocess(
    emptyAsUndefined,
    z.email({ message: 'must be an email address' }).optional(),
  ),
  ADMIN_PASSWORD: z.preprocess(
    emptyAsUndefined,
    z.string().min(10, { message: 'must be at least 10 characters' }).max(200).optional(),
  ),
  ADMIN_ALLOWED_IPS: z.preprocess(emptyAsUndefined, cidrList.optional()),
  TRUST_PROXY: z.preprocess(emptyAsUndefined, trustProxy.default(false)),
  WEB_DIST_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  SESSION_SECURE_COOKIE: z.preprocess(emptyAsUndefined, booleanish.optional()),
  /** Routers one worker polls at once; 0 turns polling off on this node. */
  MONITORING_POLL_CONCURRENCY: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(0).max(1000).default(64),
  ),
  LIVE_HEARTBEAT_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().min(0.01).max(300).default(15),
  ),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseReplicaUrl: string | undefined;
  databasePoolMax: number;
  redisUrl: string | undefined;
  /** Every Redis key starts with this, so deployments (or test runs) can share one Redis. */
  redisKeyPrefix: string;
  /** Current key first; older keys only decrypt. Undefined until resolved by `resolveAppKeys`. */
  appKey: string | undefined;
  previousAppKeys: string[];
  appUrl: string;
  timezone: string;
  logLevel: Env['LOG_LEVEL'];
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  adminAllowedIps: string[] | undefined;
  trustProxy: boolean | number | string[];
  webDistDir: string | undefined;
  secureCookies: boolean;
  /** Comment lines on idle live-event streams, so proxies do not time them out. */
  liveHeartbeatMs: number;
  /** Routers one worker polls at once; 0 disables the poller on this node. */
  monitoringPollConcurrency: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a `ConfigError` naming every bad variable. */
export function loadConfig(source: Record<string, string | undefined>, cwd: string): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return `  ${name}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.ADMIN_PASSWORD && !env.ADMIN_EMAIL) {
    throw new ConfigError(
      'Invalid configuration:\n  ADMIN_EMAIL: required when ADMIN_PASSWORD is set',
    );
  }
  const appUrl = env.APP_URL ?? `http://localhost:${env.PORT}`;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir: isAbsolute(env.DATA_DIR) ? env.DATA_DIR : resolve(cwd, env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    appKey: env.APP_KEY,
    previousAppKeys: env.APP_PREVIOUS_KEYS ?? [],
    appUrl: appUrl.replace(/\/+$/, ''),
    timezone: env.APP_TIMEZONE ?? env.TZ ?? 'Asia/Jakarta',
    logLevel: env.LOG_LEVEL,
    adminEmail: env.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: env.ADMIN_PASSWORD,
    adminAllowedIps: env.ADMIN_ALLOWED_IPS,
    trustProxy: env.TRUST_PROXY,
    webDistDir: env.WEB_DIST_DIR,
    secureCookies: env.SESSION_SECURE_COOKIE ?? appUrl.startsWith('https://'),
    liveHeartbeatMs: Math.round(env.LIVE_HEARTBEAT_SECONDS * 1000),
    monitoringPollConcurrency: env.MONITORING_POLL_CONCURRENCY,
  };
}
