import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format';
import { currentLocale } from '../lib/i18n';
import { useNow } from '../lib/use-now';
import { countdownParts } from './checkout-status';

/** "Pay before 24 Nov, 17.41 · 12:34 left", ticking each second. */
export function Countdown({ expiresAt }: { expiresAt: string }): React.JSX.Element {
  const { t } = useTranslation();
  const now = useNow(1000);
  const parts = countdownParts(Date.parse(expiresAt) - now);
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-300">
      {t('portal.checkout.payBefore', { at: formatDateTime(expiresAt, currentLocale()) })}
      {' · '}
      <span role="timer" data-countdown className="font-semibold tabular-nums">
        {parts === null
          ? t('portal.checkout.timeUp')
          : parts.days > 0
            ? t('portal.checkout.leftDays', { count: parts.days, clock: parts.clock })
            : t('portal.checkout.left', { clock: parts.clock })}
      </span>
    </p>
  );
}
