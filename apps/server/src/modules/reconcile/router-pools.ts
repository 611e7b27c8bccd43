import type { RouterPool, RouterPoolOptions, TlsMode } from '@jaring/routeros';
import type { routers } from '../../db/schema/index.ts';
import type { AppDeps } from '../../runtime/deps.ts';

export type RouterRecord = typeof routers.$inferSelect;

export interface ConnectionSettings {
  addresses: string[];
  port: number;
  transport: string;
  tlsMode: string;
  tlsFingerprint: string | null;
  username: string;
  password: string;
  codepage: string;
}

/** Connection settings of a stored router, password decrypted (kept only in process memory). */
export function poolOptionsFor(deps: AppDeps, r: RouterRecord): Omit<RouterPoolOptions, 'name'> {
  return connectionOptions({
    ...r,
    password: deps.secretBox.decrypt(r.passwordEnc, 'routers.password'),
  });
}

export function connectionOptions(r: ConnectionSettings): Omit<RouterPoolOptions, 'name'> {
  const password = r.password;
  let tls: TlsMode | undefined;
  if (r.transport !== 'api') {
    tls =
      r.tlsMode === 'fingerprint'
        ? { mode: 'fingerprint', sha256: r.tlsFingerprint ?? '' }
        : r.tlsMode === 'anonymous'
          ? { mode: 'anonymous' }
          : { mode: 'verify' };
  }
  const addresses = r.addresses.map((host) => ({ host, port: r.port }));
  if (r.transport === 'rest') {
    const first = r.addresses[0] ?? '';
    return {
      addresses,
      user: r.username,
      password,
      protocol: 'rest',
      rest: { url: `https://${first}:${r.port}` },
      codepage: r.codepage as 'windows-1252' | 'utf-8',
    };
  }
  return {
    addresses,
    user: r.username,
    password,
    ...(tls ? { tls } : {}),
    codepage: r.codepage as 'windows-1252' | 'utf-8',
    connectTimeoutMs: 5000,
    commandTimeoutMs: 30_000,
  };
}

/** The process-wide pool of one router; replaced when its connection settings change. */
export function routerPool(deps: AppDeps, r: RouterRecord): RouterPool {
  return deps.routerPools.get(r.id, poolOptionsFor(deps, r));
}
