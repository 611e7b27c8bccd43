import type { Router } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';

export function RouterOnlineBadge({ online }: { online: boolean | null }): React.JSX.Element {
  const { t } = useTranslation();
  if (online === true) return <Badge tone="success">{t('routers.status.online')}</Badge>;
  if (online === false) return <Badge tone="danger">{t('routers.status.offline')}</Badge>;
  return <Badge>{t('routers.status.unknown')}</Badge>;
}

/** Whether Jaring's changes have reached the router. */
export function RouterSyncBadge({ router }: { router: Router }): React.JSX.Element {
  const { t } = useTranslation();
  if (router.sync.pending) return <Badge tone="warning">{t('routers.sync.pending')}</Badge>;
  if (router.sync.lastSyncError) return <Badge tone="danger">{t('routers.sync.failed')}</Badge>;
  if (router.sync.lastSyncAt) return <Badge tone="success">{t('routers.sync.synced')}</Badge>;
  return <Badge>{t('routers.sync.never')}</Badge>;
}
