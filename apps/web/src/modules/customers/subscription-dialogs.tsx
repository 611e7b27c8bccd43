import {
  createSubscriptionSchema,
  updateSubscriptionCredentialsSchema,
  type Customer,
  type Plan,
  type Router,
  type Subscription,
} from '@jaring/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { CopyButton } from '../../components/copy-button';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { ProblemAlert } from '../../components/problem-alert';
import { FormActions, useFormErrors } from '../../components/form-dialog';
import { formatRupiah } from '../../lib/network-format';
import {
  useChangePlan,
  useCreateSubscription,
  useMoveSubscription,
  useRevealCredentials,
  useUpdateSubscription,
} from './api';

/** A service user name suggested from the customer's name: `budi.santoso`. */
export function suggestUsername(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 40);
}

function planLabel(plan: Plan): string {
  return `${plan.name} — ${formatRupiah(plan.price)}`;
}

/** Problems about one field that the server reports without a field path. */
const CREATE_FIELDS = { username_taken: 'username', static_ip_taken: 'staticIp' } as const;
const EDIT_FIELDS = { static_ip_taken: 'staticIp' } as const;

function CreateSubscriptionForm({
  customer,
  plans,
  routers,
  onCreated,
}: {
  customer: Customer;
  plans: readonly Plan[];
  routers: readonly Router[];
  onCreated: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const create = useCreateSubscription();
  const activePlans = plans.filter((plan) => plan.active);
  const firstPlan = activePlans[0];
  const [planId, setPlanId] = useState(firstPlan?.id ?? '');
  const [routerId, setRouterId] = useState(firstPlan?.routerIds[0] ?? '');
  const [username, setUsername] = useState(() => suggestUsername(customer.name));
  const [password, setPassword] = useState('');
  const [staticIp, setStaticIp] = useState('');
  const [billingDay, setBillingDay] = useState('');
  const [activate, setActivate] = useState(true);
  const { errors, fromError, fromIssues, clear } = useFormErrors({ fieldOfCode: CREATE_FIELDS });
  const plan = activePlans.find((p) => p.id === planId);
  const routerName = new Map(routers.map((r) => [r.id, r.name]));
  const routerOptions = (plan?.routerIds ?? []).map((id) => ({
    value: id,
    label: routerName.get(id) ?? id,
  }));

  const choosePlan = (id: string): void => {
    setPlanId(id);
    const next = activePlans.find((p) => p.id === id);
    if (next && !next.routerIds.includes(routerId)) setRouterId(next.routerIds[0] ?? '');
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = createSubscriptionSchema.safeParse({
      customerId: customer.id,
      planId,
      routerId,
      username,
      password: password === '' ? undefined : password,
      staticIp: staticIp.trim() === '' ? null : staticIp.trim(),
      billingDay: billingDay === '' ? null : Number(billingDay),
      activate,
    });
    if (!parsed.success) {
      fromIssues(parsed.error);
      return;
    }
    clear();
    create.mutate(parsed.data, {
      onSuccess: onCreated,
      onError: fromError,
    });
  };

  if (activePlans.length === 0) return <p className="text-sm">{t('subscriptions.noPlans')}</p>;
  return (
    <form id="subscription-form" onSubmit={submit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('subscriptions.fields.plan')}
          name="planId"
          value={planId}
          onChange={(event) => choosePlan(event.target.value)}
          options={activePlans.map((p) => ({ value: p.id, label: planLabel(p) }))}
          error={errors['planId']}
        />
        <SelectField
          label={t('subscriptions.fields.router')}
          name="routerId"
          value={routerId}
          onChange={(event) => setRouterId(event.target.value)}
          options={routerOptions.length ? routerOptions : [{ value: '', label: '—' }]}
          error={
            errors['routerId'] ??
            (routerOptions.length ? undefined : t('subscriptions.planOnNoRouter'))
          }
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('subscriptions.fields.username')}
          name="username"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={errors['username']}
          autoComplete="off"
          required
        />
        <TextField
          label={t('subscriptions.fields.password')}
          name="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors['password']}
          hint={t('subscriptions.passwordHint')}
          autoComplete="off"
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('subscriptions.fields.staticIp')}
          name="staticIp"
          value={staticIp}
          onChange={(event) => setStaticIp(event.target.value)}
          error={errors['staticIp']}
          placeholder={plan?.type === 'static' ? '10.10.0.2' : t('subscriptions.fromPool')}
          autoComplete="off"
        />
        <TextField
          label={t('subscriptions.fields.billingDay')}
          name="billingDay"
          inputMode="numeric"
          value={billingDay}
          onChange={(event) => setBillingDay(event.target.value.replace(/\D/g, '').slice(0, 2))}
          error={errors['billingDay']}
          hint={t('subscriptions.billingDayHint')}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="activate"
          checked={activate}
          onChange={(event) => setActivate(event.target.checked)}
          className="size-4 accent-brand-600"
        />
        {t('subscriptions.activateNow')}
      </label>
      <FormActions
        submitLabel={t('subscriptions.create')}
        pending={create.isPending}
        error={create.error}
        fieldErrors={errors}
      />
    </form>
  );
}

export function CreateSubscriptionDialog({
  open,
  customer,
  plans,
  routers,
  onClose,
}: {
  open: boolean;
  customer: Customer;
  plans: readonly Plan[];
  routers: readonly Router[];
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} title={t('subscriptions.createTitle')} size="lg">
      {open && (
        <CreateSubscriptionForm
          customer={customer}
          plans={plans}
          routers={routers}
          onCreated={onClose}
        />
      )}
    </Dialog>
  );
}

export function ChangePlanDialog({
  subscription,
  plans,
  onClose,
}: {
  subscription: Subscription | null;
  plans: readonly Plan[];
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const change = useChangePlan();
  const choices = plans.filter(
    (p) =>
      p.active &&
      p.id !== subscription?.planId &&
      p.type === subscription?.type &&
      p.routerIds.includes(subscription.routerId),
  );
  const [planId, setPlanId] = useState('');
  const [effective, setEffective] = useState<'now' | 'next_period'>('now');
  const chosen = planId || choices[0]?.id || '';
  return (
    <Dialog
      open={subscription !== null}
      onClose={onClose}
      title={t('subscriptions.changePlan')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            disabled={chosen === ''}
            loading={change.isPending}
            onClick={() => {
              if (subscription)
                change.mutate(
                  { id: subscription.id, body: { planId: chosen, effective } },
                  { onSuccess: onClose },
                );
            }}
          >
            {t('subscriptions.changePlan')}
          </Button>
        </>
      }
    >
      {choices.length === 0 ? (
        <p className="text-sm">{t('subscriptions.noOtherPlans')}</p>
      ) : (
        <div className="space-y-4">
          <SelectField
            label={t('subscriptions.fields.plan')}
            name="planId"
            value={chosen}
            onChange={(event) => setPlanId(event.target.value)}
            options={choices.map((p) => ({ value: p.id, label: planLabel(p) }))}
          />
          <fieldset className="space-y-1.5 text-sm">
            <legend className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">
              {t('subscriptions.effective')}
            </legend>
            {(['now', 'next_period'] as const).map((value) => (
              <label key={value} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="effective"
                  value={value}
                  checked={effective === value}
                  onChange={() => setEffective(value)}
                  className="size-4 accent-brand-600"
                />
                {t(`subscriptions.effectiveOptions.${value}`)}
              </label>
            ))}
          </fieldset>
        </div>
      )}
      <ProblemAlert error={change.error} className="mt-3" />
    </Dialog>
  );
}

export function MoveDialog({
  subscription,
  plans,
  routers,
  onClose,
}: {
  subscription: Subscription | null;
  plans: readonly Plan[];
  routers: readonly Router[];
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const move = useMoveSubscription();
  const plan = plans.find((p) => p.id === subscription?.planId);
  const choices = routers.filter(
    (r) => r.id !== subscription?.routerId && (!plan || plan.routerIds.includes(r.id)),
  );
  const [routerId, setRouterId] = useState('');
  const chosen = routerId || choices[0]?.id || '';
  return (
    <Dialog
      open={subscription !== null}
      onClose={onClose}
      title={t('subscriptions.move')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            disabled={chosen === ''}
            loading={move.isPending}
            onClick={() => {
              if (subscription)
                move.mutate(
                  { id: subscription.id, body: { routerId: chosen } },
                  { onSuccess: onClose },
                );
            }}
          >
            {t('subscriptions.move')}
          </Button>
        </>
      }
    >
      {choices.length === 0 ? (
        <p className="text-sm">{t('subscriptions.noOtherRouters')}</p>
      ) : (
        <SelectField
          label={t('subscriptions.fields.router')}
          name="routerId"
          value={chosen}
          onChange={(event) => setRouterId(event.target.value)}
          options={choices.map((r) => ({ value: r.id, label: r.name }))}
          hint={t('subscriptions.moveHint')}
        />
      )}
      <ProblemAlert error={move.error} className="mt-3" />
    </Dialog>
  );
}

export function CredentialsDialog({
  subscription,
  onClose,
}: {
  subscription: Subscription | null;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const reveal = useRevealCredentials();
  const data = reveal.data;
  return (
    <Dialog
      open={subscription !== null}
      onClose={() => {
        reveal.reset();
        onClose();
      }}
      title={t('subscriptions.credentials')}
      size="sm"
    >
      {!data ? (
        <div className="space-y-3 text-sm">
          <p>{t('subscriptions.credentialsWarning')}</p>
          <Button
            variant="primary"
            loading={reveal.isPending}
            onClick={() => {
              if (subscription) reveal.mutate(subscription.id);
            }}
          >
            {t('subscriptions.reveal')}
          </Button>
          <ProblemAlert error={reveal.error} />
        </div>
      ) : (
        <dl className="space-y-3 text-sm">
          {(
            [
              [t('subscriptions.fields.username'), data.username],
              [t('subscriptions.fields.password'), data.password],
              [t('subscriptions.fields.staticIp'), data.staticIp],
            ] as const
          ).map(([label, value]) => (
            <div key={label} className="flex items-center justify-between gap-2">
              <div className="min-w-0">
                <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
                <dd className="font-mono break-all" data-credential={label}>
                  {value ?? '—'}
                </dd>
              </div>
              {value && <CopyButton text={value} />}
            </div>
          ))}
        </dl>
      )}
    </Dialog>
  );
}

/** Changes the service password, static IP or billing day of a subscription. */
export function EditSubscriptionDialog({
  subscription,
  onClose,
}: {
  subscription: Subscription | null;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const update = useUpdateSubscription();
  const [password, setPassword] = useState('');
  const [staticIp, setStaticIp] = useState(subscription?.staticIp ?? '');
  const [billingDay, setBillingDay] = useState(
    subscription?.billingDay === null || !subscription ? '' : String(subscription.billingDay),
  );
  const { errors, fromError, fromIssues, clear } = useFormErrors({ fieldOfCode: EDIT_FIELDS });

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!subscription) return;
    const body: Record<string, unknown> = {
      staticIp: staticIp.trim() === '' ? null : staticIp.trim(),
      billingDay: billingDay === '' ? null : Number(billingDay),
    };
    if (password !== '') body['password'] = password;
    const parsed = updateSubscriptionCredentialsSchema.safeParse(body);
    if (!parsed.success) {
      fromIssues(parsed.error);
      return;
    }
    clear();
    update.mutate(
      { id: subscription.id, body: parsed.data },
      {
        onSuccess: onClose,
        onError: fromError,
      },
    );
  };

  return (
    <Dialog
      open={subscription !== null}
      onClose={onClose}
      title={t('subscriptions.editTitle', { username: subscription?.username ?? '' })}
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextField
          label={t('subscriptions.fields.password')}
          name="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors['password']}
          hint={t('subscriptions.passwordUnchanged')}
          autoComplete="off"
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('subscriptions.fields.staticIp')}
            name="staticIp"
            value={staticIp}
            onChange={(event) => setStaticIp(event.target.value)}
            error={errors['staticIp']}
            placeholder={t('subscriptions.fromPool')}
            autoComplete="off"
          />
          <TextField
            label={t('subscriptions.fields.billingDay')}
            name="billingDay"
            inputMode="numeric"
            value={billingDay}
            onChange={(event) => setBillingDay(event.target.value.replace(/\D/g, '').slice(0, 2))}
            error={errors['billingDay']}
          />
        </div>
        <FormActions
          submitLabel={t('common.save')}
          pending={update.isPending}
          error={update.error}
          fieldErrors={errors}
        />
      </form>
    </Dialog>
  );
}
