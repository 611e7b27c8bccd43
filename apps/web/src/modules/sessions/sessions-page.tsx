import type { Session } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { PageSpinner } from '../../components/spinner';
import { Table, Td, Th } from '../../components/table';
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

  return (
    <>
      <PageHeader title={t('sessions.title')} description={t('sessions.description')} />
      <Card>
        {sessions.isPending ? (
          <PageSpinner label={t('common.loading')} />
        ) : sessions.isError ? (
          <ProblemAlert error={sessions.error} className="m-3" />
        ) : sessions.data.length === 0 ? (
          <EmptyState title={t('sessions.empty')} />
        ) : (
          <Table label={t('sessions.title')}>
            <thead>
              <tr>
                <Th>{t('sessions.fields.device')}</Th>
                <Th>{t('sessions.fields.ip')}</Th>
                <Th className="hidden md:table-cell">{t('sessions.fields.signedIn')}</Th>
                <Th>{t('sessions.fields.lastSeen')}</Th>
                <Th className="text-right">
                  <span className="sr-only">{t('common.actions')}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((session) => (
                <tr key={session.id}>
                  <Td>
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
                  </Td>
                  <Td className="font-mono text-xs whitespace-nowrap">{session.ip ?? '—'}</Td>
                  <Td className="hidden whitespace-nowrap text-zinc-500 md:table-cell dark:text-zinc-400">
                    {formatDateTime(session.createdAt, locale)}
                  </Td>
                  <Td className="whitespace-nowrap text-zinc-500 dark:text-zinc-400">
                    {formatDateTime(session.lastSeenAt, locale)}
                  </Td>
                  <Td className="text-right">
                    {session.current ? (
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
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
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
