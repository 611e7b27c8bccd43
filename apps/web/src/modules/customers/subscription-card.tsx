import type { Plan, Router, Subscription, SubscriptionAction } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../components/button';
import { Card } from '../../components/page';
import { formatDate } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { formatRate, formatRupiah } from '../../lib/network-format';
import { RouterOnlineBadge } from '../routers/router-status';
import { ACTIONS_FROM, RouterSyncIndicator, SubscriptionStatusBadge } from './status';

export type SubscriptionIntent =
  | { kind: 'action'; action: SubscriptionAction }
  | { kind: 'change-plan' }
  | { kind: 'move' }
  | { kind: 'credentials' }
  | { kind: 'edit' };

export function SubscriptionCard({
  subscription,
  plan,
  nextPlan,
  router,
  canWrite,
  onIntent,
}: {
  subscription: Subscription;
  plan: Plan | undefined;
  nextPlan: Plan | undefined;
  router: Router | undefined;
  canWrite: boolean;
  onIntent: (intent: SubscriptionIntent) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const s = subscription;
  const live = s.status !== 'terminated';
  return (
    <Card>
      <article data-subscription={s.username} className="space-y-3 p-4">
        <header className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <h3 className="font-mono text-sm font-semibold break-all">{s.username}</h3>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {t(`plans.types.${s.type}`)}
              {s.staticIp && ` · ${s.staticIp}`}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-1.5">
            <SubscriptionStatusBadge status={s.status} />
            <RouterSyncIndicator sync={s.routerSync} />
          </div>
        </header>
        <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">
              {t('subscriptions.fields.plan')}
            </dt>
            <dd className="font-medium">
              {plan ? plan.name : '—'}
              {plan && (
                <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">
                  {formatRate(plan.downloadKbps)} · {formatRupiah(plan.price)}
                </span>
              )}
              {nextPlan && s.nextPlanFrom && (
                <span className="block text-xs font-normal text-amber-700 dark:text-amber-300">
                  {t('subscriptions.nextPlan', {
                    name: nextPlan.name,
                    date: formatDate(s.nextPlanFrom, locale),
                  })}
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">
              {t('subscriptions.fields.router')}
            </dt>
            <dd className="flex flex-wrap items-center gap-1.5 font-medium">
              {router ? (
                <>
                  <Link to={`/routers/${router.id}`} className="hover:underline">
                    {router.name}
                  </Link>
                  <RouterOnlineBadge online={router.status.online} />
                </>
              ) : (
                '—'
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">
              {t('subscriptions.fields.startDate')}
            </dt>
            <dd className="font-medium">
              {formatDate(s.startDate, locale)}
              {s.billingDay !== null && (
                <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">
                  {t('subscriptions.billingDayShort', { day: s.billingDay })}
                </span>
              )}
            </dd>
          </div>
        </dl>
        {canWrite && live && (
          <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
            {ACTIONS_FROM[s.status].map((action) => (
              <Button
                key={action}
                size="sm"
                variant={action === 'terminate' ? 'ghost' : 'secondary'}
                className={action === 'terminate' ? 'text-red-600 dark:text-red-400' : undefined}
                data-action={action}
                onClick={() => onIntent({ kind: 'action', action })}
              >
                {t(`subscriptions.actions.${action}`)}
              </Button>
            ))}
            <Button
              size="sm"
              data-action="change-plan"
              onClick={() => onIntent({ kind: 'change-plan' })}
            >
              {t('subscriptions.changePlan')}
            </Button>
            <Button size="sm" data-action="move" onClick={() => onIntent({ kind: 'move' })}>
              {t('subscriptions.move')}
            </Button>
            <Button
              size="sm"
              variant="ghost"
              data-action="edit"
              onClick={() => onIntent({ kind: 'edit' })}
            >
              {t('common.edit')}
            </Button>
            <Button
              size="sm"
              variant="ghost"
              data-action="credentials"
              onClick={() => onIntent({ kind: 'credentials' })}
            >
              {t('subscriptions.credentials')}
            </Button>
          </div>
        )}
      </article>
    </Card>
  );
}
