import type { Session } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Card, PageHeader } from '../../components/page';
import { DataTable, QueryState, type Column } from '../../components/paged-table';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { useRevokeSession, useSessions } from './api';
import { describeUserAgent } from './user-agent';

export function SessionsPage(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const [revoking, setRevoking] = useState<Session | null>(null);
  const rows = sessions.data?.data ?? [];
  const columns: Column<Session>[] = [
    {
      key: 'device',
      header: t('sessions.fields.device'),
      cell: (session) => (
        <>
          <div className="flex flex-wrap items-center gap-1.5 font-medium">
            {describeUserAgent(session.userAgent) ?? t('sessions.unknownDevice')}
            {session.current && <Badge tone="brand">{t('sessions.current')}</Badge>}
          </div>
          <div
            className="max-w-xs truncate text-xs text-zinc-500 dark:text-zinc-400"
            title={session.userAgent ?? undefined}
          >
            {session.userAgent ?? '—'}
          </div>
        </>
      ),
    },
    {
      key: 'ip',
      header: t('sessions.fields.ip'),
      headerClassName: '',
      className: 'font-mono text-xs whitespace-nowrap',
      cell: (session) => session.ip ?? '—',
    },
    {
      key: 'signedIn',
      header: t('sessions.fields.signedIn'),
      headerClassName: 'hidden md:table-cell',
      className: 'hidden whitespace-nowrap text-zinc-500 md:table-cell dark:text-zinc-400',
      cell: (session) => formatDateTime(session.createdAt, locale),
    },
    {
      key: 'lastSeen',
      header: t('sessions.fields.lastSeen'),
      headerClassName: '',
      className: 'whitespace-nowrap text-zinc-500 dark:text-zinc-400',
      cell: (session) => formatDateTime(session.lastSeenAt, locale),
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('common.actions')}</span>,
      className: 'text-right',
      cell: (session) =>
        session.current ? (
          <span className="text-xs text-zinc-500">{t('sessions.thisDevice')}</span>
        ) : (
          <Button
            size="sm"
            variant="ghost"
            className="text-red-600 hover:text-red-700 dark:text-red-400"
            onClick={() => {
              revoke.reset();
              setRevoking(session);
            }}
          >
            {t('sessions.revoke')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('sessions.title')} description={t('sessions.description')} />
      <Card>
        <QueryState
          pending={sessions.isPending}
          error={sessions.isError ? sessions.error : null}
          empty={rows.length === 0}
          emptyTitle={t('sessions.empty')}
        >
          <DataTable
            label={t('sessions.title')}
            rows={rows}
            rowKey={(session) => session.id}
            columns={columns}
          />
        </QueryState>
      </Card>
      <ConfirmDialog
        open={revoking !== null}
        title={t('sessions.revokeTitle')}
        confirmLabel={t('sessions.revoke')}
        pending={revoke.isPending}
        error={revoke.error}
        onClose={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) });
        }}
      >
        <p>{t('sessions.revokeConfirm')}</p>
      </ConfirmDialog>
    </>
  );
}
