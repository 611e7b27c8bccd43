import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page';
import { QueryState } from '../../components/paged-table';
import { can, useCurrentUser } from '../../lib/session';
import { useGatewaySettings } from './api';
import { GatewayCard } from './gateway-card';

/** Midtrans and Tripay: keys, channels, fees and where to send notifications. */
export function GatewaySettingsPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const settings = useGatewaySettings();
  const readOnly = !can(me, 'gateways:write');
  return (
    <>
      <PageHeader
        title={t('gatewaySettings.title')}
        description={t('gatewaySettings.description')}
      />
      <QueryState
        pending={settings.isPending}
        error={settings.isError ? settings.error : null}
        empty={settings.data?.length === 0}
        emptyTitle={t('gatewaySettings.empty')}
      >
        <div className="space-y-4">
          {settings.data?.map((gateway) => (
            <GatewayCard key={gateway.gateway} settings={gateway} readOnly={readOnly} />
          ))}
        </div>
      </QueryState>
    </>
  );
}
