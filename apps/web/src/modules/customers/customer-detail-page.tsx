import type {
  Customer,
  Odp,
  Router,
  Subscription,
  SubscriptionAction,
  TopologyMap,
} from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PlusIcon } from '../../components/icons';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { LoadMore, QueryState } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { CardHeader, Facts } from '../../components/section';
import { PageSpinner } from '../../components/spinner';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { formatPhone } from '../../lib/network-format';
import { can, useCurrentUser } from '../../lib/session';
import { usePlans } from '../plans/api';
import { useRouters } from '../routers/api';
import { useOdps } from '../topology/api';
import { MapView } from '../topology/map-view';
import {
  useCustomer,
  useCustomerLog,
  useCustomerSubscriptions,
  useDeleteCustomer,
  useEntityAudit,
  useSubscriptionAction,
} from './api';
import { CustomerFormDialog, isMasked } from './customer-form-dialog';
import { CustomerStatusBadge } from './status';
import { SubscriptionCard, type SubscriptionIntent } from './subscription-card';
import {
  ChangePlanDialog,
  CreateSubscriptionDialog,
  CredentialsDialog,
  EditSubscriptionDialog,
  MoveDialog,
} from './subscription-dialogs';
import { mergeTimeline, Timeline } from './timeline';
import { CustomerBillingSection } from './billing-section';
import { SubscriberMonitoringSection } from '../monitoring/sections';
import { CustomerDevicesSection } from '../devices/customer-devices';

/** The customer, its ODP and the routers of its subscriptions, for a small offline map. */
function customerMap(
  customer: Customer,
  odp: Odp | undefined,
  subscriptions: readonly Subscription[],
  routers: ReadonlyMap<string, Router>,
): TopologyMap {
  const points: TopologyMap['points'] = [];
  if (customer.latitude !== null && customer.longitude !== null) {
    points.push({
      kind: 'customer',
      id: customer.id,
      name: customer.name,
      latitude: customer.latitude,
      longitude: customer.longitude,
      parentId: odp && odp.latitude !== null ? odp.id : null,
      status: subscriptions.find((s) => s.status !== 'terminated')?.status ?? null,
    });
  }
  if (odp && odp.latitude !== null && odp.longitude !== null) {
    points.push({
      kind: odp.kind,
      id: odp.id,
      name: odp.name,
      latitude: odp.latitude,
      longitude: odp.longitude,
      parentId: null,
      status: null,
    });
  }
  for (const id of new Set(subscriptions.map((s) => s.routerId))) {
    const router = routers.get(id);
    if (router && router.latitude !== null && router.longitude !== null) {
      points.push({
        kind: 'router',
        id: router.id,
        name: router.name,
        latitude: router.latitude,
        longitude: router.longitude,
        parentId: null,
        status: router.status.online ? 'online' : null,
      });
    }
  }
  return { points, truncated: false };
}

export function CustomerDetailPage(): React.JSX.Element {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const locale = currentLocale();
  const navigate = useNavigate();
  const customer = useCustomer(id);
  const subscriptions = useCustomerSubscriptions(id);
  const plans = usePlans('', can(me, 'plans:read'));
  const routers = useRouters('', can(me, 'routers:read'));
  const odps = useOdps(can(me, 'topology:read'));
  const log = useCustomerLog(id);
  const subscriptionIds = (subscriptions.data?.data ?? []).map((s) => s.id);
  const canAudit = can(me, 'audit:read');
  const customerAudit = useEntityAudit('customer', [id], canAudit);
  const subscriptionAudit = useEntityAudit('subscription', subscriptionIds, canAudit);
  const action = useSubscriptionAction();
  const remove = useDeleteCustomer();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<{
    subscription: Subscription;
    action: SubscriptionAction;
  } | null>(null);
  const [changing, setChanging] = useState<Subscription | null>(null);
  const [moving, setMoving] = useState<Subscription | null>(null);
  const [revealing, setRevealing] = useState<Subscription | null>(null);
  const [editingSub, setEditingSub] = useState<Subscription | null>(null);
  const canWrite = can(me, 'customers:write');
  const canWriteSubs = can(me, 'subscriptions:write');

  if (customer.isPending) return <PageSpinner label={t('common.loading')} />;
  if (customer.isError) return <ProblemAlert error={customer.error} />;
  const c = customer.data;
  const planList = plans.data?.data ?? [];
  const routerList = routers.data?.data ?? [];
  const planById = new Map(planList.map((p) => [p.id, p]));
  const routerById = new Map(routerList.map((r) => [r.id, r]));
  const odp = (odps.data?.data ?? []).find((o) => o.id === c.odpId);
  const subs = subscriptions.data?.data ?? [];
  const timeline = mergeTimeline(
    log.data?.pages.flatMap((page) => page.data) ?? [],
    [...(customerAudit.data ?? []), ...(subscriptionAudit.data ?? [])],
    (routerId) => (routerId ? (routerById.get(routerId)?.name ?? null) : null),
  );

  const onIntent = (subscription: Subscription, intent: SubscriptionIntent): void => {
    if (intent.kind === 'action') {
      action.reset();
      setConfirming({ subscription, action: intent.action });
    } else if (intent.kind === 'change-plan') setChanging(subscription);
    else if (intent.kind === 'move') setMoving(subscription);
    else if (intent.kind === 'edit') setEditingSub(subscription);
    else setRevealing(subscription);
  };

  return (
    <>
      <nav className="mb-2 text-sm">
        <Link to="/customers" className="text-zinc-500 hover:underline dark:text-zinc-400">
          ← {t('customers.title')}
        </Link>
      </nav>
      <PageHeader
        title={c.name}
        description={
          <span className="flex flex-wrap items-center gap-1.5">
            <span className="font-mono">{c.number}</span>
            <CustomerStatusBadge status={c.status} />
          </span>
        }
        actions={
          canWrite && (
            <>
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
        <Card>
          <CardHeader title={t('customers.profile')} />
          <Facts
            items={[
              [t('customers.fields.phone'), formatPhone(c.phone)],
              [t('customers.fields.email'), c.email ?? '—'],
              [t('customers.fields.address'), c.address ?? '—'],
              [
                t('customers.fields.nationalId'),
                c.nationalId ? (
                  <span
                    className="font-mono"
                    title={isMasked(c.nationalId) ? t('customers.nationalIdMasked') : undefined}
                  >
                    {c.nationalId}
                  </span>
                ) : (
                  '—'
                ),
              ],
              [
                t('customers.fields.odp'),
                odp ? `${odp.name}${c.odpPort !== null ? ` · port ${c.odpPort}` : ''}` : '—',
              ],
              [
                t('common.coordinates'),
                c.latitude !== null && c.longitude !== null ? `${c.latitude}, ${c.longitude}` : '—',
              ],
              [t('customers.fields.portal'), c.hasPortalLogin ? t('common.yes') : t('common.no')],
              [t('customers.fields.createdAt'), formatDateTime(c.createdAt, locale)],
              [t('common.notes'), c.notes ?? '—'],
            ]}
          />
        </Card>

        <section className="space-y-3" aria-labelledby="subscriptions-heading">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="subscriptions-heading" className="text-sm font-semibold">
              {t('subscriptions.title')}
            </h2>
            {canWriteSubs && (
              <Button size="sm" variant="primary" onClick={() => setAdding(true)}>
                <PlusIcon /> {t('subscriptions.new')}
              </Button>
            )}
          </div>
          {subscriptions.isPending ? (
            <PageSpinner label={t('common.loading')} />
          ) : subscriptions.isError ? (
            <ProblemAlert error={subscriptions.error} />
          ) : subs.length === 0 ? (
            <Card>
              <EmptyState title={t('subscriptions.empty')} hint={t('subscriptions.emptyHint')} />
            </Card>
          ) : (
            subs.map((s) => (
              <SubscriptionCard
                key={s.id}
                subscription={s}
                plan={planById.get(s.planId)}
                nextPlan={s.nextPlanId ? planById.get(s.nextPlanId) : undefined}
                router={routerById.get(s.routerId)}
                canWrite={canWriteSubs}
                onIntent={(intent) => onIntent(s, intent)}
              />
            ))
          )}
        </section>

        {can(me, 'monitoring:read') && subs.length > 0 && (
          <SubscriberMonitoringSection subscriptions={subs} />
        )}

        {can(me, 'devices:read') && (
          <CustomerDevicesSection customerId={c.id} canWrite={can(me, 'devices:write')} />
        )}

        <CustomerBillingSection customer={c} />

        {c.latitude !== null && c.longitude !== null && (
          <Card>
            <CardHeader title={t('topology.map')} />
            <MapView compact map={customerMap(c, odp, subs, routerById)} />
          </Card>
        )}

        <Card>
          <CardHeader title={t('customers.timeline')} />
          <QueryState
            pending={log.isPending}
            error={log.isError ? log.error : null}
            empty={timeline.length === 0}
            emptyTitle={t('log.empty')}
          >
            <Timeline items={timeline} />
          </QueryState>
          <LoadMore query={log} />
        </Card>
      </div>

      <CustomerFormDialog open={editing} customer={c} onClose={() => setEditing(false)} />
      <CreateSubscriptionDialog
        open={adding}
        customer={c}
        plans={planList}
        routers={routerList}
        onClose={() => setAdding(false)}
      />
      <ChangePlanDialog
        key={`plan-${changing?.id ?? ''}`}
        subscription={changing}
        plans={planList}
        onClose={() => setChanging(null)}
      />
      <MoveDialog
        key={`move-${moving?.id ?? ''}`}
        subscription={moving}
        plans={planList}
        routers={routerList}
        onClose={() => setMoving(null)}
      />
      <EditSubscriptionDialog
        key={`edit-${editingSub?.id ?? ''}`}
        subscription={editingSub}
        onClose={() => setEditingSub(null)}
      />
      <CredentialsDialog
        key={`cred-${revealing?.id ?? ''}`}
        subscription={revealing}
        onClose={() => setRevealing(null)}
      />
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? t(`subscriptions.confirm.${confirming.action}.title`) : ''}
        confirmLabel={confirming ? t(`subscriptions.actions.${confirming.action}`) : ''}
        pending={action.isPending}
        error={action.error}
        tone={
          confirming?.action === 'activate' || confirming?.action === 'restore'
            ? 'primary'
            : 'danger'
        }
        onClose={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming)
            action.mutate(
              { id: confirming.subscription.id, action: confirming.action },
              { onSuccess: () => setConfirming(null) },
            );
        }}
      >
        <p>
          {confirming
            ? t(`subscriptions.confirm.${confirming.action}.body`, {
                username: confirming.subscription.username,
              })
            : ''}
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={deleting}
        title={t('customers.deleteTitle')}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          remove.mutate(c.id, {
            onSuccess: () => {
              setDeleting(false);
              void navigate('/customers');
            },
          })
        }
      >
        <p>{t('customers.deleteConfirm', { name: c.name })}</p>
      </ConfirmDialog>
    </>
  );
}
