import { OWNER_TAG, ownerComment, type MenuName } from './menus.ts';

export const ISOLATION_NAME = `${OWNER_TAG}-isolir`;

export interface DesiredItem {
  key: string;
  props: Record<string, string>;
  /** Take over a same-named entry Jaring does not own yet (imported from the router). */
  adopt?: boolean;
  /** For the integration log: which subscription/customer this entry serves. */
  subscriptionId?: string;
  customerId?: string;
}

export type DesiredState = Record<MenuName, DesiredItem[]>;

export interface PlanInput {
  type: 'pppoe' | 'hotspot' | 'static';
  name: string;
  profileName: string;
  rateLimit: string;
  /** `upload/download` for simple queues (target upload first). */
  maxLimit: string;
  localAddress: string | null;
  remotePool: string | null;
  sharedUsers: number;
}

export interface SubscriptionInput {
  id: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  type: 'pppoe' | 'hotspot' | 'static';
  username: string;
  password: string;
  staticIp: string | null;
  status: 'active' | 'isolated' | 'suspended';
  adopt: boolean;
  plan: PlanInput;
}

export interface RouterInput {
  isolationMode: 'disable' | 'profile';
  isolationPool: string;
}

function previousAddress(ip: string): string {
  const parts = ip.split('.').map(Number);
  let n =
    (((parts[0] ?? 0) << 24) >>> 0) +
    ((parts[1] ?? 0) << 16) +
    ((parts[2] ?? 0) << 8) +
    (parts[3] ?? 0) -
    1;
  n >>>= 0;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function customerComment(s: SubscriptionInput): string {
  // Comments are visible in Winbox: the customer number and name tell an operator whose entry it is.
  return ownerComment(
    `${s.customerNumber} ${s.customerName}`.replace(/[\r\n]+/g, ' ').slice(0, 120),
  );
}

/**
 * What one router must carry, computed only from the database. Pure: the same input always gives
 * the same state, which is what makes a reconcile pass idempotent.
 */
export function computeDesiredState(
  router: RouterInput,
  plans: readonly PlanInput[],
  subs: readonly SubscriptionInput[],
): DesiredState {
  const state: DesiredState = {
    pool: [],
    pppProfile: [],
    pppSecret: [],
    hotspotProfile: [],
    hotspotUser: [],
    queue: [],
    addressList: [],
  };
  for (const p of plans) {
    // A plan imported from a router keeps that router's profile name; Jaring manages it from then on.
    const adopt = !p.profileName.startsWith(`${OWNER_TAG}-`);
    if (p.type === 'pppoe') {
      state.pppProfile.push({
        key: p.profileName,
        props: {
          'rate-limit': p.rateLimit,
          'local-address': p.localAddress ?? '',
          'remote-address': p.remotePool ?? '',
        },
        adopt,
      });
    } else if (p.type === 'hotspot') {
      state.hotspotProfile.push({
        key: p.profileName,
        props: { 'rate-limit': p.rateLimit, 'shared-users': String(p.sharedUsers) },
        adopt,
      });
    }
  }
  const usesIsolationProfile =
    router.isolationMode === 'profile' && plans.some((p) => p.type === 'pppoe');
  if (usesIsolationProfile) {
    const start = router.isolationPool.split('-')[0] ?? '';
    state.pool.push({ key: ISOLATION_NAME, props: { ranges: router.isolationPool } });
    state.pppProfile.push({
      key: ISOLATION_NAME,
      props: {
        'rate-limit': '256k/256k',
        'local-address': previousAddress(start),
        'remote-address': ISOLATION_NAME,
        // Connected isolated customers land on this list; a NAT rule on it redirects web traffic
        // to the payment-reminder page.
        'address-list': ISOLATION_NAME,
      },
    });
  }

  for (const s of subs) {
    const refs = {
      subscriptionId: s.id,
      customerId: s.customerId,
      ...(s.adopt ? { adopt: true } : {}),
    };
    const comment = customerComment(s);
    if (s.type === 'pppoe') {
      const isolatedByProfile = s.status === 'isolated' && usesIsolationProfile;
      const disabled =
        s.status === 'suspended' || (s.status === 'isolated' && !usesIsolationProfile);
      state.pppSecret.push({
        key: s.username,
        props: {
          password: s.password,
          service: 'pppoe',
          profile: isolatedByProfile ? ISOLATION_NAME : s.plan.profileName,
          // A static address stays in isolation too: the profile's address-list still applies.
          'remote-address': s.staticIp ?? '',
          disabled: disabled ? 'yes' : 'no',
          comment,
        },
        ...refs,
      });
    } else if (s.type === 'hotspot') {
      state.hotspotUser.push({
        key: s.username,
        props: {
          password: s.password,
          profile: s.plan.profileName,
          disabled: s.status === 'active' ? 'no' : 'yes',
          comment,
        },
        ...refs,
      });
    } else if (s.staticIp) {
      state.queue.push({
        key: `${OWNER_TAG}-${s.username}`,
        props: {
          target: `${s.staticIp}/32`,
          'max-limit': s.plan.maxLimit,
          disabled: s.status === 'suspended' ? 'yes' : 'no',
          comment,
        },
        ...refs,
      });
      if (s.status !== 'active') {
        state.addressList.push({
          key: s.staticIp,
          props: { list: ISOLATION_NAME, comment },
          ...refs,
        });
      }
    }
  }
  return state;
}
