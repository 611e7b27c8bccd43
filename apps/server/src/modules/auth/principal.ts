import type { Ability, Locale, Role } from '@jaring/contracts';

export interface PrincipalUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
}

/** Who is making a request and what they may do, resolved once per request. */
export interface Principal {
  kind: 'session' | 'token';
  user: PrincipalUser;
  abilities: ReadonlySet<Ability>;
  sessionId: string | undefined;
  tokenId: string | undefined;
}

/** What services need to know about the caller, without knowing about HTTP. */
export interface RequestContext {
  principal: Principal | null;
  ip: string;
  requestId: string;
  userAgent: string | undefined;
}

export function systemContext(requestId = 'system'): RequestContext {
  return { principal: null, ip: '', requestId, userAgent: undefined };
}
