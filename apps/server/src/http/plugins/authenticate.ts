import { ERROR_CODES } from '@jaring/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import ipaddr from 'ipaddr.js';
import { DomainError } from '../../lib/errors.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../modules/auth/policy.ts';
import type { Principal } from '../../modules/auth/principal.ts';
import { authenticateSession, authenticateToken, verifyCsrf } from '../../modules/auth/service.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { isGuarded } from '../route-registry.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Customer-facing paths: the staff IP allow-list does not apply to them. */
function isStaffPath(url: string): boolean {
  return !url.startsWith('/api/v1/portal') && !url.startsWith('/api/v1/webhooks');
}

type Matcher = (ip: string) => boolean;

export function ipMatcher(list: readonly string[]): Matcher {
  const ranges = list.map((entry) => {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    const addr = ipaddr.parse(entry);
    return [addr, addr.kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
  });
  return (ip) => {
    if (!ipaddr.isValid(ip)) return false;
    let addr = ipaddr.parse(ip);
    // IPv4 clients arrive as ::ffff:a.b.c.d on dual-stack sockets.
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
      addr = (addr as ipaddr.IPv6).toIPv4Address();
    }
    return ranges.some(
      ([net, bits]) => addr.kind() === net.kind() && addr.match([net, bits] as never),
    );
  };
}

async function resolvePrincipal(deps: AppDeps, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const [scheme, value] = header.split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !value) {
      throw new DomainError(ERROR_CODES.unauthenticated, 'Use "Authorization: Bearer <token>"');
    }
    const principal = await authenticateToken(deps, value.trim());
    if (!principal)
      throw new DomainError(ERROR_CODES.unauthenticated, 'The API token is invalid or expired');
    return principal;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) return authenticateSession(deps, cookie);
  return null;
}

/**
 * Resolves the caller and enforces the route's declared ability before the body is even parsed:
 * an anonymous caller learns nothing about a route's schema.
 */
export function installAuthentication(app: FastifyInstance, deps: AppDeps): void {
  const allowed = deps.config.adminAllowedIps ? ipMatcher(deps.config.adminAllowedIps) : undefined;
  app.decorateRequest('principal', null);
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (request) => {
    request.ctx = {
      principal: null,
      ip: request.ip,
      requestId: request.id,
      userAgent: request.headers['user-agent'],
    };
    const pattern = request.routeOptions.url;
    // Unknown URLs fall through to the not-found handler: a 404 reveals nothing.
    if (pattern === undefined || !isGuarded(pattern)) return;
    if (allowed && isStaffPath(pattern) && !allowed(request.ip)) {
      throw new DomainError(
        ERROR_CODES.ipNotAllowed,
        'Staff access is not allowed from this address',
      );
    }
    const config = request.routeOptions.config;
    let principal: Principal | null;
    try {
      principal = await resolvePrincipal(deps, request);
    } catch (err) {
      // A stale token must not lock anyone out of public routes such as login.
      if (config.public) principal = null;
      else throw err;
    }
    request.principal = principal;
    request.ctx.principal = principal;
    if (config.public) return;
    if (!principal) throw new DomainError(ERROR_CODES.unauthenticated, 'Authentication required');
    if (!config.ability || !principal.abilities.has(config.ability)) {
      throw new DomainError(
        ERROR_CODES.forbidden,
        `This needs the ability ${config.ability ?? '(none)'}`,
      );
    }
    if (principal.kind === 'session' && !SAFE_METHODS.has(request.method)) {
      const presented = request.headers[CSRF_HEADER];
      if (
        !principal.sessionId ||
        !verifyCsrf(
          deps,
          principal.sessionId,
          typeof presented === 'string' ? presented : undefined,
        )
      ) {
        throw new DomainError(ERROR_CODES.csrf, 'Missing or invalid CSRF token');
      }
    }
  });
}
