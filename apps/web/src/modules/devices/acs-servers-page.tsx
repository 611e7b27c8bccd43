import type { AcsServer } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PlusIcon } from '../../components/icons';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { QueryState } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { CardHeader, Facts } from '../../components/section';
import { INTL_LOCALE, formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { can, useCurrentUser } from '../../lib/session';
import { formatAgo } from '../../lib/traffic-format';
import { useAcsServers, useDeleteAcsServer, useSyncAcsServer, useTestAcsServer } from './api';
import { AcsServerFormDialog, AcsTestOutcome } from './acs-server-form';

/** Healthy, failing (the last sync failed or the breaker is open), or switched off. */
function AcsStateBadge({ server }: { server: AcsServer }): React.JSX.Element {
  const { t } = useTranslation();
  const state = !server.enabled
    ? 'off'
    : server.breaker === 'open' || server.sync.lastError
      ? 'failing'
      : server.sync.lastSyncAt
        ? 'ok'
        : 'never';
  const tone =
    state === 'ok'
      ? 'success'
      : state === 'failing'
        ? 'danger'
        : state === 'off'
          ? 'neutral'
          : 'warning';
  return (
    <span data-acs-state={state}>
      <Badge tone={tone}>{t(`acsServers.state.${state}`)}</Badge>
    </span>
  );
}

function AcsServerCard({
  server,
  canManage,
  canOperate,
  onEdit,
  onDelete,
}: {
  server: AcsServer;
  canManage: boolean;
  canOperate: boolean;
  onEdit: () => void;
  onDelete: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const test = useTestAcsServer();
  const sync = useSyncAcsServer();
  const s = server.sync;
  return (
    <Card>
      <div data-acs-server={server.name}>
        <CardHeader title={server.name} actions={<AcsStateBadge server={server} />} />
        <Facts
          items={[
            [
              t('acsServers.fields.baseUrl'),
              <span key="url" className="font-mono text-xs break-all">
                {server.baseUrl}
              </span>,
            ],
            [
              t('acsServers.fields.devices'),
              <Link
                key="devices"
                to={`/devices?acs=${server.id}`}
                className="text-brand-700 hover:underline dark:text-brand-300"
              >
                {server.deviceCount}
              </Link>,
            ],
            [
              t('acsServers.fields.lastSync'),
              <span key="sync" title={formatDateTime(s.lastSyncAt, locale)}>
                {s.lastSyncAt ? formatAgo(s.lastSyncAt, locale) : t('acsServers.never')}
                {s.lastDevices !== null && s.lastDurationMs !== null && (
                  <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">
                    {t('acsServers.lastSyncDetail', {
                      count: s.lastDevices,
                      seconds: new Intl.NumberFormat(INTL_LOCALE[locale], {
                        maximumFractionDigits: 1,
                      }).format(s.lastDurationMs / 1000),
                    })}
                  </span>
                )}
              </span>,
            ],
            [t('acsServers.fields.lastFullSync'), formatDateTime(s.lastFullSyncAt, locale)],
            [
              t('acsServers.fields.schedule'),
              t('acsServers.schedule', {
                sync: server.syncIntervalMinutes,
                online: server.onlineWindowMinutes,
              }),
            ],
            [
              t('acsServers.fields.credentials'),
              server.username
                ? `${server.username}${server.hasPassword ? ' · ••••••' : ''}`
                : t('acsServers.noCredentials'),
            ],
            [
              t('acsServers.fields.breaker'),
              server.breaker ? t(`acsServers.breaker.${server.breaker}`) : '—',
            ],
            [t('acsServers.fields.syncTags'), server.syncTags ? t('common.yes') : t('common.no')],
            [
              t('acsServers.fields.paramOverrides'),
              t('acsServers.overridesCount', { count: server.paramOverrides.length }),
            ],
          ]}
        />
        {s.lastError && (
          <div className="px-4 pb-4">
            <Alert tone="error" title={t('acsServers.lastError')}>
              <span className="font-mono text-xs break-words">{s.lastError}</span>
              {s.lastErrorAt && (
                <span className="block text-xs opacity-80">
                  {formatDateTime(s.lastErrorAt, locale)}
                </span>
              )}
            </Alert>
          </div>
        )}
        {(test.data ?? test.error ?? sync.error ?? sync.isSuccess) && (
          <div className="space-y-2 px-4 pb-4">
            <AcsTestOutcome result={test.data} error={test.error} />
            <ProblemAlert error={sync.error} />
            {sync.isSuccess && (
              <Alert tone="info">{t(`acsServers.syncQueued.${sync.data.mode}`)}</Alert>
            )}
          </div>
        )}
        {(canOperate || canManage) && (
          <div className="flex flex-wrap gap-2 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">
            {canOperate && (
              <>
                <Button
                  size="sm"
                  data-action="test"
                  loading={test.isPending}
                  onClick={() => test.mutate(server.id)}
                >
                  {t('acsServers.test.button')}
                </Button>
                <Button
                  size="sm"
                  variant="primary"
                  data-action="sync"
                  disabled={!server.enabled}
                  loading={sync.isPending && sync.variables?.body.mode === 'incremental'}
                  onClick={() => sync.mutate({ id: server.id, body: { mode: 'incremental' } })}
                >
                  {t('acsServers.syncNow')}
                </Button>
                <Button
                  size="sm"
                  data-action="full-sync"
                  disabled={!server.enabled}
                  loading={sync.isPending && sync.variables?.body.mode === 'full'}
                  onClick={() => sync.mutate({ id: server.id, body: { mode: 'full' } })}
                >
                  {t('acsServers.fullSync')}
                </Button>
              </>
            )}
            {canManage && (
              <>
                <Button size="sm" data-action="edit" onClick={onEdit}>
                  {t('common.edit')}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  data-action="delete"
                  className="text-red-600 hover:text-red-700 dark:text-red-400"
                  onClick={onDelete}
                >
                  {t('common.delete')}
                </Button>
              </>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}

/**
 * The GenieACS servers Jaring syncs devices from and sends tasks to. Credentials are write-only:
 * the page says whether a password is stored, never what it is.
 */
export function AcsServersPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const servers = useAcsServers();
  const remove = useDeleteAcsServer();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AcsServer | null>(null);
  const [deleting, setDeleting] = useState<AcsServer | null>(null);
  const canManage = can(me, 'acs:write');
  const canOperate = can(me, 'devices:write');
  const rows = servers.data?.data ?? [];
  return (
    <>
      <PageHeader
        title={t('acsServers.title')}
        description={t('acsServers.description')}
        actions={
          canManage && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              <PlusIcon /> {t('acsServers.new')}
            </Button>
          )
        }
      />
      {!canManage && <Alert className="mb-4">{t('acsServers.readOnly')}</Alert>}
      <QueryState
        pending={servers.isPending}
        error={servers.isError ? servers.error : null}
        empty={false}
        emptyTitle=""
      >
        {rows.length === 0 ? (
          <Card>
            <EmptyState title={t('acsServers.empty')} hint={t('acsServers.emptyHint')} />
          </Card>
        ) : (
          <div className="space-y-4">
            {rows.map((server) => (
              <AcsServerCard
                key={server.id}
                server={server}
                canManage={canManage}
                canOperate={canOperate}
                onEdit={() => setEditing(server)}
                onDelete={() => {
                  remove.reset();
                  setDeleting(server);
                }}
              />
            ))}
          </div>
        )}
      </QueryState>
      <AcsServerFormDialog open={creating} server={null} onClose={() => setCreating(false)} />
      <AcsServerFormDialog
        open={editing !== null}
        server={editing}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t('acsServers.deleteTitle')}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
        }
      >
        <p>
          {t('acsServers.deleteConfirm', {
            name: deleting?.name ?? '',
            count: deleting?.deviceCount ?? 0,
          })}
        </p>
      </ConfirmDialog>
    </>
  );
}
