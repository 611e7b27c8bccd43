import { parseRateLimit, type Row } from '@jaring/routeros';
import type { RouterImportPreview } from '@jaring/contracts';
import { isOwned, MENUS } from '../reconcile/menus.ts';

type Profile = RouterImportPreview['profiles'][number];
type User = RouterImportPreview['users'][number];

export interface RouterSnapshot {
  pppProfiles: Row[];
  pppSecrets: Row[];
  hotspotProfiles: Row[];
  hotspotUsers: Row[];
}

export interface ImportContext {
  /** Jaring plans by profile name. */
  plansByProfile: ReadonlyMap<string, { id: string; type: string }>;
  /** Usernames (lower-case) of live Jaring subscriptions. */
  takenUsernames: ReadonlySet<string>;
}

function rates(rateLimit: string | undefined): { down: number; up: number } | null {
  if (!rateLimit) return null;
  try {
    const r = parseRateLimit(rateLimit);
    const down = Math.round(r.tx / 1000);
    const up = Math.round(r.rx / 1000);
    return down >= 8 && up >= 8 ? { down, up } : null;
  } catch {
    return null;
  }
}

const IPV4 = /^(\d{1,3}\.){3}\d{1,3}$/;
const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

/**
 * Decides, from what a router holds, which profiles become plans and which users become
 * customers with a subscription. Pure, so the preview shows exactly what the import will do.
 */
export function planImport(
  routerId: string,
  snap: RouterSnapshot,
  ctx: ImportContext,
): RouterImportPreview {
  const profiles: Profile[] = [];
  const importableProfiles = new Set<string>();
  const describe = (type: 'pppoe' | 'hotspot', rows: Row[], userRows: Row[]): void => {
    for (const p of rows) {
      const name = p.name ?? '';
      if (!name || name.startsWith('jaring-')) continue;
      const users = userRows.filter(
        (u) => (u.profile ?? 'default') === name && !isOwned(MENUS.pppSecret, u),
      ).length;
      const existing = ctx.plansByProfile.get(name);
      const r = rates(p['rate-limit']);
      let reason: string | null = null;
      if (existing && existing.type !== type)
        reason = `a ${existing.type} plan already uses the name ${name}`;
      else if (!existing && !r)
        reason = 'no rate limit on the router: set one, or create a plan for it first';
      if (!reason) importableProfiles.add(`${type}:${name}`);
      profiles.push({
        profile: name,
        type,
        rateLimit: p['rate-limit'] ?? null,
        downloadKbps: r?.down ?? null,
        uploadKbps: r?.up ?? null,
        existingPlanId: existing?.id ?? null,
        users,
        importable: reason === null,
        reason,
      });
    }
  };
  describe('pppoe', snap.pppProfiles, snap.pppSecrets);
  describe('hotspot', snap.hotspotProfiles, snap.hotspotUsers);

  const users: User[] = [];
  const seen = new Set<string>();
  const consider = (type: 'pppoe' | 'hotspot', row: Row): void => {
    const username = row.name ?? '';
    const profile = row.profile ?? 'default';
    const comment = (row.comment ?? '').trim();
    const disabled = row.disabled === 'true' || row.disabled === 'yes';
    const address = row['remote-address'] ?? row.address ?? '';
    let reason: string | null = null;
    if (isOwned(MENUS.pppSecret, row)) reason = 'already managed by Jaring';
    else if (!USERNAME.test(username)) reason = 'user name has characters Jaring does not accept';
    else if (ctx.takenUsernames.has(username.toLowerCase()) || seen.has(username.toLowerCase())) {
      reason = 'a Jaring subscription already uses this user name';
    } else if (!importableProfiles.has(`${type}:${profile}`))
      reason = `profile ${profile} cannot be imported`;
    seen.add(username.toLowerCase());
    users.push({
      username,
      type,
      profile,
      staticIp: IPV4.test(address) ? address : null,
      disabled,
      name:
        (comment && comment.length <= 120 ? comment : username)
          .replace(/[<>\p{Cc}]/gu, ' ')
          .trim() || username,
      action: reason ? 'skip' : 'import',
      reason,
    });
  };
  for (const s of snap.pppSecrets)
    if ((s.service ?? 'any') === 'pppoe' || s.service === 'any') consider('pppoe', s);
  for (const u of snap.hotspotUsers) if (u.name !== 'default-trial') consider('hotspot', u);

  const importable = users.filter((u) => u.action === 'import').length;
  return {
    routerId,
    profiles,
    users,
    counts: { found: users.length, importable, skipped: users.length - importable },
  };
}
