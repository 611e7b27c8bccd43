import { portalChangePasswordSchema, portalProfileSchema, type Locale } from '@jaring/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { SelectField, TextField } from '../components/field';
import { Card, PageHeader } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { CardHeader, Facts } from '../components/section';
import { isApiError } from '../lib/api';
import { setLocale } from '../lib/i18n';
import { fieldErrorsFromIssues, serverFieldErrors } from '../lib/validation';
import { useChangePortalPassword, usePortalCustomer, useUpdatePortalProfile } from './session';

/** Stored as `62812…`; people write and read their number as `0812…`. */
function localPhone(phone: string | null): string {
  return phone ? phone.replace(/^62/, '0') : '';
}

function ProfileForm(): React.JSX.Element {
  const { t } = useTranslation();
  const me = usePortalCustomer();
  const update = useUpdatePortalProfile();
  const [phone, setPhone] = useState(localPhone(me.customer.phone));
  const [email, setEmail] = useState(me.customer.email ?? '');
  const [locale, setLocaleValue] = useState<Locale>(me.customer.locale);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setSaved(false);
    const parsed = portalProfileSchema.safeParse({
      phone: phone.trim() === '' ? null : phone,
      email: email.trim() === '' ? null : email.trim(),
      locale,
    });
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues, t));
      return;
    }
    setErrors({});
    update.mutate(parsed.data, {
      onSuccess: (next) => {
        setPhone(localPhone(next.customer.phone));
        setSaved(true);
        setLocale(next.customer.locale);
      },
      onError: (error) => {
        if (isApiError(error)) setErrors(serverFieldErrors(error, t));
      },
    });
  };

  return (
    <Card>
      <CardHeader title={t('portal.profile.contact')} />
      <form name="profile" onSubmit={submit} noValidate className="space-y-4 p-4">
        {saved && <Alert tone="success">{t('portal.profile.saved')}</Alert>}
        {update.error && !isApiError(update.error) && <ProblemAlert error={update.error} />}
        <TextField
          label={t('portal.profile.phone')}
          hint={t('portal.profile.phoneHint')}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          error={errors['phone']}
        />
        <TextField
          label={t('portal.profile.email')}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors['email']}
        />
        <SelectField
          label={t('portal.profile.language')}
          hint={t('portal.profile.languageHint')}
          name="locale"
          value={locale}
          onChange={(event) => setLocaleValue(event.target.value as Locale)}
          options={[
            { value: 'id', label: 'Bahasa Indonesia' },
            { value: 'en', label: 'English' },
          ]}
          error={errors['locale']}
        />
        <Button type="submit" variant="primary" loading={update.isPending}>
          {t('portal.profile.save')}
        </Button>
      </form>
    </Card>
  );
}

function PasswordForm(): React.JSX.Element {
  const { t } = useTranslation();
  const me = usePortalCustomer();
  const change = useChangePortalPassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const needsCurrent = me.customer.hasPassword;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setDone(false);
    const parsed = portalChangePasswordSchema.safeParse({
      ...(needsCurrent ? { currentPassword: current } : {}),
      newPassword: next,
    });
    const found: Record<string, string> = parsed.success
      ? {}
      : fieldErrorsFromIssues(parsed.error.issues, t);
    if (needsCurrent && current === '') found['currentPassword'] = t('validation.required');
    if (next !== confirm) found['confirm'] = t('portal.profile.mismatch');
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setErrors({});
    change.mutate(parsed.data, {
      onSuccess: () => {
        setCurrent('');
        setNext('');
        setConfirm('');
        setDone(true);
      },
      onError: (error) => {
        if (isApiError(error) && error.code === 'validation_failed') {
          setErrors(
            error.problem.errors?.some((e) => e.path === 'currentPassword')
              ? { currentPassword: t('portal.profile.wrongCurrent') }
              : serverFieldErrors(error, t),
          );
        }
      },
    });
  };

  return (
    <Card>
      <CardHeader title={t('portal.profile.password')} />
      <form name="password" onSubmit={submit} noValidate className="space-y-4 p-4">
        {done && <Alert tone="success">{t('portal.profile.passwordChanged')}</Alert>}
        {change.error &&
          !(isApiError(change.error) && change.error.code === 'validation_failed') && (
            <ProblemAlert error={change.error} />
          )}
        {!needsCurrent && <Alert tone="info">{t('portal.profile.firstPassword')}</Alert>}
        {needsCurrent && (
          <TextField
            label={t('portal.profile.currentPassword')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
            error={errors['currentPassword']}
          />
        )}
        <TextField
          label={t('portal.profile.newPassword')}
          hint={t('portal.profile.newPasswordHint')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(event) => setNext(event.target.value)}
          error={errors['newPassword']}
        />
        <TextField
          label={t('portal.profile.confirmPassword')}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
          error={errors['confirm']}
        />
        <Button type="submit" variant="primary" loading={change.isPending}>
          {t('portal.profile.changePassword')}
        </Button>
      </form>
    </Card>
  );
}

export function ProfilePage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = usePortalCustomer();
  return (
    <div className="space-y-4">
      <PageHeader title={t('portal.profile.title')} />
      <Card>
        <Facts
          items={[
            [t('portal.profile.number'), me.customer.number],
            [t('portal.profile.name'), me.customer.name],
            [t('portal.profile.address'), me.customer.address ?? '—'],
          ]}
        />
        <p className="px-4 pb-4 text-xs text-zinc-500 dark:text-zinc-400">
          {t('portal.profile.contactUs')}
        </p>
      </Card>
      <ProfileForm />
      <PasswordForm />
    </div>
  );
}
