import type { Role, User } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { isFuture } from '../../lib/format';

export function UserStatus({ user }: { user: User }): React.JSX.Element {
  const { t } = useTranslation();
  if (user.disabled) return <Badge tone="danger">{t('users.status.disabled')}</Badge>;
  if (isFuture(user.lockedUntil)) return <Badge tone="warning">{t('users.status.locked')}</Badge>;
  return <Badge tone="success">{t('users.status.active')}</Badge>;
}

export function RoleBadge({ role }: { role: Role }): React.JSX.Element {
  const { t } = useTranslation();
  return <Badge tone={role === 'owner' ? 'brand' : 'neutral'}>{t(`roles.${role}`)}</Badge>;
}
