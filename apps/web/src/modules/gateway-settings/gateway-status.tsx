import type { GatewaySettings } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';

/** Ready (on and every key stored), incomplete (on, something missing) or off. */
export function GatewayReadyBadge({
  settings,
}: {
  settings: Pick<GatewaySettings, 'enabled' | 'ready'>;
}): React.JSX.Element {
  const { t } = useTranslation();
  const state = settings.ready ? 'ready' : settings.enabled ? 'incomplete' : 'off';
  return (
    <span data-ready={state}>
      <Badge tone={state === 'ready' ? 'success' : state === 'incomplete' ? 'warning' : 'neutral'}>
        {t(`gatewaySettings.state.${state}`)}
      </Badge>
    </span>
  );
}
