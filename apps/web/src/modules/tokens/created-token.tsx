import type { CreatedToken } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { CopyButton } from '../../components/copy-button';

/** The plaintext token, shown exactly once right after it was created. */
export function CreatedTokenPanel({ created }: { created: CreatedToken }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <Alert tone="warning" title={t('tokens.onceTitle')}>
        {t('tokens.onceBody')}
      </Alert>
      <div>
        <p className="mb-1.5 text-xs font-medium text-zinc-700 dark:text-zinc-300">
          {t('tokens.plainLabel', { name: created.token.name })}
        </p>
        <div className="flex items-center gap-2 rounded-md border border-zinc-300 bg-zinc-50 p-2 dark:border-zinc-700 dark:bg-zinc-950">
          <code
            data-testid="plain-token"
            className="min-w-0 flex-1 font-mono text-xs break-all select-all"
          >
            {created.plainTextToken}
          </code>
          <CopyButton text={created.plainTextToken} />
        </div>
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {t('tokens.usage')} <code className="font-mono">Authorization: Bearer …</code>
      </p>
    </div>
  );
}
