import type { Ability } from '@jaring/contracts';
import type { SVGProps } from 'react';
import {
  ContactIcon,
  GaugeIcon,
  HomeIcon,
  KeyIcon,
  MonitorIcon,
  NetworkIcon,
  RouterIcon,
  ScrollIcon,
  UsersIcon,
} from '../components/icons';

export interface NavItem {
  to: string;
  /** i18n key of the label. */
  label: string;
  icon: (props: SVGProps<SVGSVGElement>) => React.JSX.Element;
  /** The ability a user needs to see the entry; none means everyone signed in. */
  ability?: Ability;
  section: 'main' | 'network' | 'account' | 'system';
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/dashboard', label: 'nav.dashboard', icon: HomeIcon, section: 'main' },
  {
    to: '/customers',
    label: 'nav.customers',
    icon: ContactIcon,
    ability: 'customers:read',
    section: 'main',
  },
  {
    to: '/routers',
    label: 'nav.routers',
    icon: RouterIcon,
    ability: 'routers:read',
    section: 'network',
  },
  { to: '/plans', label: 'nav.plans', icon: GaugeIcon, ability: 'plans:read', section: 'network' },
  {
    to: '/topology',
    label: 'nav.topology',
    icon: NetworkIcon,
    ability: 'topology:read',
    section: 'network',
  },
  { to: '/users', label: 'nav.users', icon: UsersIcon, ability: 'users:read', section: 'system' },
  { to: '/audit', label: 'nav.audit', icon: ScrollIcon, ability: 'audit:read', section: 'system' },
  {
    to: '/tokens',
    label: 'nav.tokens',
    icon: KeyIcon,
    ability: 'tokens:manage',
    section: 'account',
  },
  {
    to: '/sessions',
    label: 'nav.sessions',
    icon: MonitorIcon,
    ability: 'sessions:manage',
    section: 'account',
  },
];

export const NAV_SECTIONS = ['main', 'network', 'system', 'account'] as const;
