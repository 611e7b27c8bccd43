import type { Ability } from '@jaring/contracts';
import type { SVGProps } from 'react';
import {
  CardIcon,
  ChartIcon,
  ContactIcon,
  GaugeIcon,
  HomeIcon,
  KeyIcon,
  MonitorIcon,
  NetworkIcon,
  PlugIcon,
  RouterIcon,
  ReceiptIcon,
  ScrollIcon,
  SettingsIcon,
  UsersIcon,
  WalletIcon,
} from '../components/icons';
import { BellIcon } from '../modules/notifications/bell-icon';
import { TrendIcon } from '../modules/business/trend-icon';
import { ActivityIcon, SirenIcon, SlidersIcon } from '../modules/monitoring/icons';
import { ModemIcon, ServerIcon } from '../modules/devices/icons';

export interface NavItem {
  to: string;
  /** i18n key of the label. */
  label: string;
  icon: (props: SVGProps<SVGSVGElement>) => React.JSX.Element;
  /** The ability a user needs to see the entry; none means everyone signed in. */
  ability?: Ability;
  section: 'main' | 'billing' | 'network' | 'account' | 'system';
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
    to: '/invoices',
    label: 'nav.invoices',
    icon: ReceiptIcon,
    ability: 'invoices:read',
    section: 'billing',
  },
  // The cashier is for those who take money; the server enforces it again.
  {
    to: '/payments',
    label: 'nav.payments',
    icon: WalletIcon,
    ability: 'payments:write',
    section: 'billing',
  },
  {
    to: '/payments/online',
    label: 'nav.onlinePayments',
    icon: CardIcon,
    ability: 'payments:read',
    section: 'billing',
  },
  {
    to: '/reports',
    label: 'nav.reports',
    icon: ChartIcon,
    ability: 'reports:read',
    section: 'billing',
  },
  {
    to: '/reports/business',
    label: 'nav.business',
    icon: TrendIcon,
    ability: 'reports:read',
    section: 'billing',
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
    to: '/devices',
    label: 'devices.nav',
    icon: ModemIcon,
    ability: 'devices:read',
    section: 'network',
  },
  {
    to: '/monitoring',
    label: 'monitoring.nav',
    icon: ActivityIcon,
    ability: 'monitoring:read',
    section: 'network',
  },
  {
    to: '/alerts',
    label: 'alerts.nav',
    icon: SirenIcon,
    ability: 'monitoring:read',
    section: 'network',
  },
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
    to: '/settings/billing',
    label: 'nav.billingSettings',
    icon: SettingsIcon,
    ability: 'settings:write',
    section: 'system',
  },
  {
    to: '/settings/notifications',
    label: 'notifications.nav',
    icon: BellIcon,
    ability: 'settings:write',
    section: 'system',
  },
  {
    to: '/settings/monitoring',
    label: 'monitoringSettings.nav',
    icon: SlidersIcon,
    ability: 'monitoring:write',
    section: 'system',
  },
  // Owners and admins add ACS servers; technicians reach the page from Devices to sync or test.
  {
    to: '/settings/acs-servers',
    label: 'acsServers.nav',
    icon: ServerIcon,
    ability: 'acs:write',
    section: 'system',
  },
  // Finance sets up the gateways too: they own the money side (`gateways:write`).
  {
    to: '/settings/payment-gateways',
    label: 'nav.paymentGateways',
    icon: PlugIcon,
    ability: 'gateways:write',
    section: 'system',
  },
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

export const NAV_SECTIONS = ['main', 'billing', 'network', 'system', 'account'] as const;
