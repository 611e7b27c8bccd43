import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { ConnectionError, TimeoutError } from './errors.ts';

/**
 * How to secure API-SSL (8729). `verify` checks the certificate chain (optionally against a
 * private CA); `fingerprint` pins the certificate's SHA-256 (the usual choice for a self-signed
 * router certificate); `anonymous` uses anonymous Diffie-Hellman for a router with no
 * certificate at all, which encrypts but does not authenticate the router.
 */
export type TlsMode =
  | {
      readonly mode: 'verify';
      /** Private CA (PEM); the system store when omitted. */
      readonly ca?: string | Buffer;
      /** Name to verify when connecting by IP to a certificate issued for a name. */
      readonly servername?: string;
    }
  | { readonly mode: 'fingerprint'; readonly sha256: string }
  | { readonly mode: 'anonymous' };

/** Cipher list a router without a certificate accepts; TLS 1.3 has no anonymous suites. */
export const ANONYMOUS_CIPHERS =
  'ADH-AES256-GCM-SHA384:ADH-AES128-GCM-SHA256:ADH-AES256-SHA256:ADH-AES128-SHA256:ADH-AES256-SHA:ADH-AES128-SHA:@SECLEVEL=0';

/** Normalises a fingerprint to upper-case hex pairs joined by `:`. */
export function normaliseFingerprint(fp: string): string {
  const hex = fp.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return hex.match(/../g)?.join(':') ?? '';
}

/** Where and how to open a socket. */
export interface SocketTarget {
  readonly host: string;
  readonly port: number;
  readonly tls?: TlsMode | undefined;
  readonly connectTimeoutMs: number;
  readonly keepAliveMs?: number | undefined;
}

function describeNetError(err: NodeJS.ErrnoException, target: SocketTarget): string {
  const where = `${target.host}:${target.port}`;
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where} (API service disabled or wrong port?)`;
    case 'ECONNRESET':
      return `connection reset by ${where}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} unreachable`;
    case 'ENOTFOUND':
      return `host not found: ${target.host}`;
    default:
      return `cannot connect to ${where}: ${err.message}`;
  }
}

/**
 * Opens a TCP or TLS socket with TCP_NODELAY and keepalive, enforcing the connect timeout and,
 * for pinned certificates, checking the fingerprint before any credentials are sent.
 */
export function openSocket(target: SocketTarget): Promise<Socket> {
  return new Promise((resolve, reject) => {
    let socket: Socket | TLSSocket;
    const tls = target.tls;
    if (tls) {
      socket = tlsConnect({
        host: target.host,
        port: target.port,
        ...(tls.mode === 'verify'
          ? {
              ca: tls.ca,
              servername: tls.servername ?? (isIp(target.host) ? undefined : target.host),
              rejectUnauthorized: true,
              // The certificate must name the host (or the IP in a SAN); a router whose
              // certificate names neither should be pinned by fingerprint instead.
            }
          : tls.mode === 'fingerprint'
            ? { rejectUnauthorized: false }
            : { rejectUnauthorized: false, ciphers: ANONYMOUS_CIPHERS, maxVersion: 'TLSv1.2' }),
      });
    } else {
      socket = netConnect({ host: target.host, port: target.port });
    }
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new TimeoutError(
          `connect to ${target.host}:${target.port} timed out after ${target.connectTimeoutMs} ms (filtered, or address not allowed by the router's service?)`,
          false,
        ),
      );
    }, target.connectTimeoutMs);
    const onError = (err: NodeJS.ErrnoException): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(new ConnectionError(describeNetError(err, target), false, { cause: err }));
    };
    socket.once('error', onError);
    const ready = (): void => {
      if (tls?.mode === 'fingerprint') {
        const cert = (socket as TLSSocket).getPeerCertificate();
        const got = normaliseFingerprint(cert.fingerprint256 ?? '');
        if (got !== normaliseFingerprint(tls.sha256)) {
          clearTimeout(timer);
          socket.destroy();
          reject(
            new ConnectionError(
              `certificate fingerprint mismatch for ${target.host}:${target.port}: got ${got || 'none'}`,
              false,
            ),
          );
          return;
        }
      }
      clearTimeout(timer);
      socket.off('error', onError);
      socket.setNoDelay(true);
      socket.setKeepAlive(true, target.keepAliveMs ?? 30_000);
      resolve(socket);
    };
    socket.once(tls ? 'secureConnect' : 'connect', ready);
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
