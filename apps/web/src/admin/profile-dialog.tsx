import { updateMeSchema, type Locale } from '@jaring/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/button';
import { Dialog } from '../components/dialog';
import { SelectField, TextField } from '../components/field';
import { ProblemAlert } from '../components/problem-alert';
import { isApiError } from '../lib/api';
import { setLocale } from '../lib/i18n';
import { useCurrentUser, useUpdateMe } from '../lib/session';
import { fieldErrorsFromIssues, serverFieldErrors } from '../lib/validation';

function ProfileForm({ onDone }: { onDone: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const update = useUpdateMe();
  const [name, setName] = useState(me.name);
  const [locale, setLocaleValue] = useState<Locale>(me.locale);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = updateMeSchema.safeParse({ name, locale });
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues, t));
      return;
    }
    setErrors({});
    update.mutate(parsed.data, {
      onSuccess: (saved) => {
        setLocale(saved.locale);
        onDone();
      },
      onError: (error) => {
        if (isApiError(error)) setErrors(serverFieldErrors(error, t));
      },
    });
  };

  return (
    <form id="profile-form" onSubmit={submit} noValidate className="space-y-4">
      <TextField label={t('profile.email')} value={me.email} disabled readOnly />
      <TextField
        label={t('profile.name')}
        name="name"
        autoComplete="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors['name']}
        required
      />
      <SelectField
        label={t('profile.locale')}
        name="locale"
        value={locale}
        onChange={(event) => setLocaleValue(event.target.value === 'en' ? 'en' : 'id')}
        options={[
          { value: 'id', label: t('language.id') },
          { value: 'en', label: t('language.en') },
        ]}
        error={errors['locale']}
      />
      <ProblemAlert error={Object.keys(errors).length > 0 ? null : update.error} />
    </form>
  );
}

export function ProfileDialog({
  open,
  onClose,
}: {
  open: boolean;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('profile.title')}
      description={t('profile.description')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" form="profile-form" variant="primary">
            {t('common.save')}
          </Button>
        </>
      }
    >
      {open ? <ProfileForm onDone={onClose} /> : null}
    </Dialog>
  );
}
