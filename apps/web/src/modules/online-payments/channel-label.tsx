import type { GatewayId } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';

/** A channel's name with its gateway under it, for table cells. */
export function ChannelLabel({
  gateway,
  name,
}: {
  gateway: GatewayId;
  name: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <>
      {name}
      <span className="block text-xs text-zinc-500 dark:text-zinc-400">
        {t(`gateway.name.${gateway}`)}
      </span>
    </>
  );
}
