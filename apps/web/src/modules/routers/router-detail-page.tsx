import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Card, PageHeader } from '../../components/page';
import { CardHeader, Facts } from '../../components/section';
import { LoadMore, QueryState } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { PageSpinner } from '../../components/spinner';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { can, useCurrentUser } from '../../lib/session';
import {
  useDeleteRouter,
  useDrift,
  useRouter,
  useRouterLog,
  useSyncRouter,
  useTestRouter,
} from './api';
import { DriftTable } from './drift-table';
import { IntegrationLogTable } from './integration-log-table';
import { RouterFormDialog } from './router-form-dialog';
import { RouterOnlineBadge, RouterSyncBadge } from './router-status';
import { TestResult } from './test-result';
import { ImportRouterLink } from '../router-import/import-link';
import { RouterMonitoringSection } from '../monitoring/sections';

export function RouterDetailPage(): React.JSX.Element {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const locale = currentLocale();
  const navigate = useNavigate();
  const router = useRouter(id);
  const test = useTestRouter();
  const sync = useSyncRouter();
  const remove = useDeleteRouter();
  const [showDrift, setShowDrift] = useState(false);
  const drift = useDrift(id, showDrift);
  const log = useRouterLog(id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const canWrite = can(me, 'routers:write');

  if (router.isPending) return <PageSpinner label={t('common.loading')} />;
  if (router.isError) return <ProblemAlert error={router.error} />;
  const r = router.data;
  const entries = log.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <>
      <nav className="mb-2 text-sm">
        <Link to="/routers" className="text-zinc-500 hover:underline dark:text-zinc-400">
          ← {t('routers.title')}
        </Link>
      </nav>
      <PageHeader
        title={r.name}
        description={
          <span className="flex flex-wrap items-center gap-1.5">
            <RouterOnlineBadge online={r.status.online} />
            <RouterSyncBadge router={r} />
          </span>
        }
        actions={
          canWrite && (
            <>
              <Button loading={test.isPending} onClick={() => test.mutate(r.id)}>
                {t('routers.test.button')}
              </Button>
              <Button variant="primary" loading={sync.isPending} onClick={() => sync.mutate(r.id)}>
                {t('routers.syncNow')}
              </Button>
              <ImportRouterLink routerId={r.id} />
              <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
              <Button
                variant="ghost"
                className="text-red-600 hover:text-red-700 dark:text-red-400"
                onClick={() => {
                  remove.reset();
                  setDeleting(true);
                }}
              >
                {t('common.delete')}
              </Button>
            </>
          )
        }
      />
      <div className="space-y-4">
        {(test.data ?? test.error) && <TestResult result={test.data} error={test.error} />}
        {sync.isSuccess && <Alert tone="info">{t('routers.syncQueued')}</Alert>}
        <ProblemAlert error={sync.error} />
        {r.status.lastError && r.status.online === false && (
          <Alert tone="warning" title={t('routers.lastError')}>
            {r.status.lastError}
          </Alert>
        )}
        <Card>
          <CardHeader title={t('routers.facts')} />
          <Facts
            items={[
              [
                t('routers.fields.addresses'),
                <span className="font-mono">{r.addresses.join(', ')}</span>,
              ],
              [
                t('routers.fields.transport'),
                `${t(`routers.transport.${r.transport}`)} · port ${r.port}`,
              ],
              [t('routers.fields.username'), r.username],
              [t('routers.fields.identity'), r.identity ?? '—'],
              [t('routers.fields.version'), r.rosVersion ?? '—'],
              [t('routers.fields.board'), r.board ?? '—'],
              [t('routers.fields.lastSeen'), formatDateTime(r.status.lastSeenAt, locale)],
              [t('routers.fields.lastSync'), formatDateTime(r.sync.lastSyncAt, locale)],
              [
                t('routers.fields.isolationMode'),
                `${t(`routers.isolation.${r.isolationMode}`)}${r.isolationMode === 'profile' ? ` (${r.isolationPool})` : ''}`,
              ],
              [
                t('common.coordinates'),
                r.latitude !== null && r.longitude !== null ? `${r.latitude}, ${r.longitude}` : '—',
              ],
              [t('common.notes'), r.notes ?? '—'],
              [
                t('customers.title'),
                <Link
                  key="customers"
                  to={`/customers?routerId=${r.id}`}
                  className="text-brand-700 hover:underline dark:text-brand-300"
                >
                  {t('routers.showCustomers')}
                </Link>,
              ],
            ]}
          />
          {r.sync.lastSyncError && (
            <Alert tone="error" title={t('routers.sync.failed')} className="mx-4 mb-4">
              {r.sync.lastSyncError}
            </Alert>
          )}
        </Card>
        {can(me, 'monitoring:read') && (
          <RouterMonitoringSection routerId={r.id} canWrite={can(me, 'monitoring:write')} />
        )}
        <Card>
          <CardHeader
            title={t('routers.drift.title')}
            actions={
              <Button
                size="sm"
                loading={drift.isFetching}
                onClick={() => (showDrift ? void drift.refetch() : setShowDrift(true))}
              >
                {t('routers.drift.show')}
              </Button>
            }
          />
          {!showDrift ? (
            <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400">
              {t('routers.drift.hint')}
            </p>
          ) : drift.isPending ? (
            <PageSpinner label={t('common.loading')} />
          ) : drift.isError ? (
            <ProblemAlert error={drift.error} className="m-3" />
          ) : (
            <DriftTable report={drift.data} />
          )}
        </Card>
        <Card>
          <CardHeader title={t('routers.log')} />
          <QueryState
            pending={log.isPending}
            error={log.isError ? log.error : null}
            empty={entries.length === 0}
            emptyTitle={t('log.empty')}
          >
            <IntegrationLogTable entries={entries} label={t('routers.log')} />
          </QueryState>
          <LoadMore query={log} />
        </Card>
      </div>
      <RouterFormDialog open={editing} router={r} onClose={() => setEditing(false)} />
      <ConfirmDialog
        open={deleting}
        title={t('routers.deleteTitle')}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          remove.mutate(r.id, {
            onSuccess: () => {
              setDeleting(false);
              void navigate('/routers');
            },
          })
        }
      >
        <p>{t('routers.deleteConfirm', { name: r.name })}</p>
      </ConfirmDialog>
    </>
  );
}
