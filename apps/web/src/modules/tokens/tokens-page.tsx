import type { ApiToken } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PlusIcon } from '../../components/icons';
import { Card, PageHeader } from '../../components/page';
import { DataTable, QueryState, type Column } from '../../components/paged-table';
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
  const rows = tokens.data?.data ?? [];
  const columns: Column<ApiToken>[] = [
    {
      key: 'name',
      header: t('tokens.fields.name'),
      cell: (token) => (
        <>
          <div className="font-medium">{token.name}</div>
          <code className="font-mono text-xs text-zinc-500">{token.prefix}…</code>
        </>
      ),
    },
    {
      key: 'abilities',
      header: t('tokens.fields.abilities'),
      cell: (token) => <Abilities abilities={token.abilities} />,
    },
    {
      key: 'lastUsed',
      header: t('tokens.fields.lastUsed'),
      headerClassName: 'hidden md:table-cell',
      className: 'hidden whitespace-nowrap text-zinc-500 md:table-cell dark:text-zinc-400',
      cell: (token) =>
        token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t('tokens.unused'),
    },
    {
      key: 'expires',
      header: t('tokens.fields.expires'),
      headerClassName: '',
      className: 'whitespace-nowrap',
      cell: (token) =>
        token.expiresAt !== null && !isFuture(token.expiresAt) ? (
          <Badge tone="danger">{t('tokens.expired')}</Badge>
        ) : token.expiresAt ? (
          formatDate(token.expiresAt, locale)
        ) : (
          <span className="text-zinc-500">{t('tokens.never')}</span>
        ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('common.actions')}</span>,
      className: 'text-right',
      cell: (token) => (
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
      ),
    },
  ];

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
        <QueryState
          pending={tokens.isPending}
          error={tokens.isError ? tokens.error : null}
          empty={rows.length === 0}
          emptyTitle={t('tokens.empty')}
          emptyHint={t('tokens.emptyHint')}
        >
          <DataTable
            label={t('tokens.title')}
            rows={rows}
            rowKey={(token) => token.id}
            columns={columns}
          />
        </QueryState>
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
