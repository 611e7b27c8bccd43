import type { ApiToken } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PlusIcon } from '../../components/icons';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { PageSpinner } from '../../components/spinner';
import { Table, Td, Th } from '../../components/table';
import { formatDate, formatDateTime, isFuture } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { useRevokeToken, useTokens } from './api';
import { CreateTokenDialog } from './create-token-dialog';

function Abilities({ abilities }: { abilities: readonly string[] }): React.JSX.Element {
  const shown = abilities.slice(0, 3);
  return (
    <div className="flex max-w-xs flex-wrap gap-1">
      {shown.map((ability) => (
        <Badge key={ability}>{ability}</Badge>
      ))}
      {abilities.length > shown.length && <Badge>+{abilities.length - shown.length}</Badge>}
    </div>
  );
}

export function TokensPage(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.description')}
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <PlusIcon /> {t('tokens.new')}
          </Button>
        }
      />
      <Card>
        {tokens.isPending ? (
          <PageSpinner label={t('common.loading')} />
        ) : tokens.isError ? (
          <ProblemAlert error={tokens.error} className="m-3" />
        ) : tokens.data.length === 0 ? (
          <EmptyState title={t('tokens.empty')} hint={t('tokens.emptyHint')} />
        ) : (
          <Table label={t('tokens.title')}>
            <thead>
              <tr>
                <Th>{t('tokens.fields.name')}</Th>
                <Th>{t('tokens.fields.abilities')}</Th>
                <Th className="hidden md:table-cell">{t('tokens.fields.lastUsed')}</Th>
                <Th>{t('tokens.fields.expires')}</Th>
                <Th className="text-right">
                  <span className="sr-only">{t('common.actions')}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => {
                const expired = token.expiresAt !== null && !isFuture(token.expiresAt);
                return (
                  <tr key={token.id}>
                    <Td>
                      <div className="font-medium">{token.name}</div>
                      <code className="font-mono text-xs text-zinc-500">{token.prefix}…</code>
                    </Td>
                    <Td>
                      <Abilities abilities={token.abilities} />
                    </Td>
                    <Td className="hidden whitespace-nowrap text-zinc-500 md:table-cell dark:text-zinc-400">
                      {token.lastUsedAt
                        ? formatDateTime(token.lastUsedAt, locale)
                        : t('tokens.unused')}
                    </Td>
                    <Td className="whitespace-nowrap">
                      {expired ? (
                        <Badge tone="danger">{t('tokens.expired')}</Badge>
                      ) : token.expiresAt ? (
                        formatDate(token.expiresAt, locale)
                      ) : (
                        <span className="text-zinc-500">{t('tokens.never')}</span>
                      )}
                    </Td>
                    <Td className="text-right">
                      <Button
                        size="sm"
                        variant="ghost"
                        className="text-red-600 hover:text-red-700 dark:text-red-400"
                        aria-label={t('tokens.revokeNamed', { name: token.name })}
                        onClick={() => {
                          revoke.reset();
                          setRevoking(token);
                        }}
                      >
                        {t('tokens.revoke')}
                      </Button>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </Card>

      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={revoking !== null}
        title={t('tokens.revokeTitle')}
        confirmLabel={t('tokens.revoke')}
        pending={revoke.isPending}
        error={revoke.error}
        onClose={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) });
        }}
      >
        <p>{t('tokens.revokeConfirm', { name: revoking?.name ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}
