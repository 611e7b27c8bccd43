import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An indeterminate progress bar for work the server does in one request (reading a router,
 * running an import), with the seconds elapsed so a long wait does not look like a hang.
 */
export function WorkProgress({ label, hint }: { label: string; hint?: string }): React.JSX.Element {
  const { t } = useTranslation();
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = window.setInterval(
      () => setSeconds(Math.floor((Date.now() - started) / 1000)),
      1000,
    );
    return () => window.clearInterval(timer);
  }, []);

  return (
    <div role="status" aria-live="polite" className="space-y-2 px-4 py-10" data-progress="running">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {t('routerImport.elapsed', { seconds })}
        </span>
      </div>
      <progress aria-label={label} className="block h-2 w-full accent-brand-600">
        {label}
      </progress>
      {hint && <p className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>}
    </div>
  );
}
