import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/copy-button';

/** Where the gateway must send its notifications, to paste into the gateway's dashboard. */
export function WebhookUrl({ url }: { url: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="space-y-1.5">
      <p className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {t('gatewaySettings.webhookUrl')}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-webhook-url
          className="min-w-0 flex-1 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-xs break-all dark:border-zinc-800 dark:bg-zinc-950"
        >
          {url}
        </code>
        <CopyButton text={url} />
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('gatewaySettings.webhookHint')}</p>
    </div>
  );
}
