import { useTranslation } from 'react-i18next';
import { prettyBody } from './raw-body';

/** A notification's or status call's raw body, folded until asked for. */
export function RawBodyView({ body }: { body: string | null }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (body === null) return null;
  const pretty = prettyBody(body);
  return (
    <details className="group mt-2 text-xs">
      <summary className="cursor-pointer font-medium text-brand-700 select-none hover:underline dark:text-brand-300">
        {t(pretty.json ? 'onlinePayments.event.rawJson' : 'onlinePayments.event.raw')}
      </summary>
      <pre
        data-raw-body
        className="mt-2 max-h-96 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[11px] leading-relaxed break-all whitespace-pre-wrap dark:border-zinc-800 dark:bg-zinc-950"
      >
        {pretty.text}
      </pre>
    </details>
  );
}
