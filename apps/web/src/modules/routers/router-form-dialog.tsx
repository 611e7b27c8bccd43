import {
  createRouterSchema,
  DEFAULT_ROUTER_PORTS,
  testRouterConnectionSchema,
  updateRouterSchema,
  type Router,
} from '@jaring/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { CONTROL_CLASS, SelectField, TextField } from '../../components/field';
import { CloseIcon, PlusIcon } from '../../components/icons';
import { EditorDialog, FormActions, useFormErrors } from '../../components/form-dialog';
import { useDraft } from '../../components/use-draft';
import { coordinateText, parseCoordinate } from '../../lib/network-format';
import { can, useCurrentUser } from '../../lib/session';
import { useSites } from '../topology/api';
import { useCreateRouter, useTestConnection, useTestRouter, useUpdateRouter } from './api';
import { TestResult } from './test-result';

type Transport = Router['transport'];

interface Draft {
  name: string;
  addresses: string[];
  transport: Transport;
  port: string;
  tlsMode: Router['tlsMode'];
  tlsFingerprint: string;
  username: string;
  password: string;
  codepage: Router['codepage'];
  isolationMode: Router['isolationMode'];
  isolationPool: string;
  siteId: string;
  latitude: string;
  longitude: string;
  notes: string;
}

function draftFrom(router: Router | null): Draft {
  if (!router) {
    return {
      name: '',
      addresses: [''],
      transport: 'api',
      port: String(DEFAULT_ROUTER_PORTS.api),
      tlsMode: 'verify',
      tlsFingerprint: '',
      username: '',
      password: '',
      codepage: 'windows-1252',
      isolationMode: 'profile',
      isolationPool: '',
      siteId: '',
      latitude: '',
      longitude: '',
      notes: '',
    };
  }
  return {
    name: router.name,
    addresses: router.addresses.length > 0 ? [...router.addresses] : [''],
    transport: router.transport,
    port: String(router.port),
    tlsMode: router.tlsMode,
    tlsFingerprint: router.tlsFingerprint ?? '',
    username: router.username,
    password: '',
    codepage: router.codepage,
    isolationMode: router.isolationMode,
    isolationPool: router.isolationPool,
    siteId: router.siteId ?? '',
    latitude: coordinateText(router.latitude),
    longitude: coordinateText(router.longitude),
    notes: router.notes ?? '',
  };
}

function portValue(port: string): number | undefined {
  return port.trim() === '' ? undefined : Number(port);
}

/** The connection part of the form, as test-connection takes it. */
function connectionBody(draft: Draft): Record<string, unknown> {
  const usesTls = draft.transport !== 'api';
  return {
    addresses: draft.addresses.map((a) => a.trim()).filter((a) => a !== ''),
    port: portValue(draft.port),
    transport: draft.transport,
    tlsMode: draft.tlsMode,
    tlsFingerprint:
      usesTls && draft.tlsMode === 'fingerprint' && draft.tlsFingerprint.trim() !== ''
        ? draft.tlsFingerprint.trim()
        : null,
    username: draft.username,
    password: draft.password,
    codepage: draft.codepage,
  };
}

function fullBody(draft: Draft, editing: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: draft.name,
    ...connectionBody(draft),
    siteId: draft.siteId || null,
    latitude: parseCoordinate(draft.latitude),
    longitude: parseCoordinate(draft.longitude),
    notes: draft.notes.trim() === '' ? null : draft.notes,
    isolationMode: draft.isolationMode,
  };
  if (draft.isolationPool.trim() !== '') body['isolationPool'] = draft.isolationPool.trim();
  // On edit a blank password keeps the saved one.
  if (editing && draft.password === '') delete body['password'];
  return body;
}

function RouterForm({
  router,
  onSaved,
}: {
  router: Router | null;
  onSaved: (saved: Router) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const sites = useSites(can(me, 'topology:read'));
  const create = useCreateRouter();
  const update = useUpdateRouter();
  const testUnsaved = useTestConnection();
  const testSaved = useTestRouter();
  const [draft, set, setDraft] = useDraft<Draft>(() => draftFrom(router));
  const { errors, fromError, fromIssues, clear } = useFormErrors();
  const [lastTest, setLastTest] = useState<'unsaved' | 'saved' | null>(null);
  const editing = router !== null;
  const save = editing ? update : create;

  const setTransport = (transport: Transport): void =>
    setDraft((current) => {
      const oldDefault = String(DEFAULT_ROUTER_PORTS[current.transport]);
      const port =
        current.port.trim() === '' || current.port === oldDefault
          ? String(DEFAULT_ROUTER_PORTS[transport])
          : current.port;
      return { ...current, transport, port };
    });

  const setAddress = (index: number, value: string): void =>
    setDraft((current) => ({
      ...current,
      addresses: current.addresses.map((a, i) => (i === index ? value : a)),
    }));

  const test = (): void => {
    testUnsaved.reset();
    testSaved.reset();
    if (editing && draft.password === '') {
      // Without a new password, test what is saved.
      setLastTest('saved');
      testSaved.mutate(router.id);
      return;
    }
    const parsed = testRouterConnectionSchema.safeParse(connectionBody(draft));
    if (!parsed.success) {
      fromIssues(parsed.error);
      return;
    }
    clear();
    setLastTest('unsaved');
    testUnsaved.mutate(parsed.data);
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const body = fullBody(draft, editing);
    if (editing) {
      const parsed = updateRouterSchema.safeParse(body);
      if (!parsed.success) {
        fromIssues(parsed.error);
        return;
      }
      clear();
      update.mutate(
        { id: router.id, body: parsed.data },
        { onSuccess: onSaved, onError: fromError },
      );
    } else {
      const parsed = createRouterSchema.safeParse(body);
      if (!parsed.success) {
        fromIssues(parsed.error);
        return;
      }
      clear();
      create.mutate(parsed.data, {
        onSuccess: (saved) => {
          // A new router is only probed by its first reconcile; test it now so its status,
          // version and board show at once.
          testSaved.mutate(saved.id);
          onSaved(saved);
        },
        onError: fromError,
      });
    }
  };

  const usesTls = draft.transport !== 'api';
  const testing = testUnsaved.isPending || testSaved.isPending;
  const testState = lastTest === 'saved' ? testSaved : testUnsaved;
  const siteOptions = [
    { value: '', label: t('common.none') },
    ...(sites.data?.data ?? []).map((site) => ({ value: site.id, label: site.name })),
  ];

  return (
    <form id="router-form" onSubmit={submit} noValidate className="space-y-4">
      <TextField
        label={t('routers.fields.name')}
        name="name"
        value={draft.name}
        onChange={(event) => set('name')(event.target.value)}
        error={errors['name']}
        autoComplete="off"
        autoFocus
        required
      />
      <fieldset className="space-y-1.5">
        <legend className="mb-1.5 block text-xs font-medium text-zinc-700 dark:text-zinc-300">
          {t('routers.fields.addresses')}
        </legend>
        {draft.addresses.map((address, index) => (
          <div key={index} className="flex gap-2">
            <input
              name={`address-${index}`}
              aria-label={t('routers.addressN', { n: index + 1 })}
              value={address}
              onChange={(event) => setAddress(index, event.target.value)}
              placeholder="192.168.88.1"
              autoComplete="off"
              className={CONTROL_CLASS}
              aria-invalid={errors['addresses'] ? true : undefined}
            />
            {draft.addresses.length > 1 && (
              <Button
                variant="ghost"
                aria-label={t('routers.removeAddress', { n: index + 1 })}
                onClick={() =>
                  setDraft((c) => ({ ...c, addresses: c.addresses.filter((_, i) => i !== index) }))
                }
              >
                <CloseIcon />
              </Button>
            )}
          </div>
        ))}
        {errors['addresses'] ? (
          <p className="text-xs text-red-600 dark:text-red-400">{errors['addresses']}</p>
        ) : (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('routers.addressesHint')}</p>
        )}
        {draft.addresses.length < 4 && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setDraft((c) => ({ ...c, addresses: [...c.addresses, ''] }))}
          >
            <PlusIcon /> {t('routers.addAddress')}
          </Button>
        )}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={t('routers.fields.transport')}
          name="transport"
          value={draft.transport}
          onChange={(event) => setTransport(event.target.value as Transport)}
          options={(['api', 'api-ssl', 'rest'] as const).map((value) => ({
            value,
            label: t(`routers.transport.${value}`),
          }))}
          error={errors['transport']}
        />
        <TextField
          label={t('routers.fields.port')}
          name="port"
          inputMode="numeric"
          value={draft.port}
          placeholder={String(DEFAULT_ROUTER_PORTS[draft.transport])}
          onChange={(event) => set('port')(event.target.value.replace(/\D/g, '').slice(0, 5))}
          error={errors['port']}
        />
        <SelectField
          label={t('routers.fields.codepage')}
          name="codepage"
          value={draft.codepage}
          onChange={(event) => set('codepage')(event.target.value as Router['codepage'])}
          options={[
            { value: 'windows-1252', label: 'Windows-1252' },
            { value: 'utf-8', label: 'UTF-8' },
          ]}
        />
      </div>
      {usesTls && (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('routers.fields.tlsMode')}
            name="tlsMode"
            value={draft.tlsMode}
            onChange={(event) => set('tlsMode')(event.target.value as Router['tlsMode'])}
            options={(['verify', 'fingerprint', 'anonymous'] as const).map((value) => ({
              value,
              label: t(`routers.tlsMode.${value}`),
            }))}
          />
          {draft.tlsMode === 'fingerprint' && (
            <TextField
              label={t('routers.fields.tlsFingerprint')}
              name="tlsFingerprint"
              value={draft.tlsFingerprint}
              onChange={(event) => set('tlsFingerprint')(event.target.value)}
              error={errors['tlsFingerprint']}
              placeholder="AB:CD:…"
              className="font-mono"
              autoComplete="off"
            />
          )}
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('routers.fields.username')}
          name="username"
          value={draft.username}
          onChange={(event) => set('username')(event.target.value)}
          error={errors['username']}
          autoComplete="off"
          required
        />
        <TextField
          label={t('routers.fields.password')}
          name="password"
          type="password"
          value={draft.password}
          onChange={(event) => set('password')(event.target.value)}
          error={errors['password']}
          hint={editing ? t('routers.passwordUnchanged') : undefined}
          autoComplete="new-password"
        />
      </div>
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <Button onClick={test} loading={testing}>
            {t('routers.test.button')}
          </Button>
          {editing && draft.password === '' && (
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              {t('routers.test.savedHint')}
            </span>
          )}
        </div>
        <TestResult result={testState.data} error={testState.error} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('routers.fields.isolationMode')}
          name="isolationMode"
          value={draft.isolationMode}
          onChange={(event) => set('isolationMode')(event.target.value as Router['isolationMode'])}
          options={(['profile', 'disable'] as const).map((value) => ({
            value,
            label: t(`routers.isolation.${value}`),
          }))}
          hint={draft.isolationMode === 'profile' ? t('routers.isolationHint') : undefined}
        />
        {draft.isolationMode === 'profile' && (
          <TextField
            label={t('routers.fields.isolationPool')}
            name="isolationPool"
            value={draft.isolationPool}
            onChange={(event) => set('isolationPool')(event.target.value)}
            error={errors['isolationPool']}
            placeholder="172.30.0.2-172.30.255.254"
            autoComplete="off"
          />
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={t('routers.fields.site')}
          name="siteId"
          value={draft.siteId}
          onChange={(event) => set('siteId')(event.target.value)}
          options={siteOptions}
          error={errors['siteId']}
        />
        <TextField
          label={t('common.latitude')}
          name="latitude"
          inputMode="decimal"
          value={draft.latitude}
          onChange={(event) => set('latitude')(event.target.value)}
          error={errors['latitude']}
          placeholder="-6.2"
        />
        <TextField
          label={t('common.longitude')}
          name="longitude"
          inputMode="decimal"
          value={draft.longitude}
          onChange={(event) => set('longitude')(event.target.value)}
          error={errors['longitude']}
          placeholder="106.8"
        />
      </div>
      <TextField
        label={t('common.notes')}
        name="notes"
        value={draft.notes}
        onChange={(event) => set('notes')(event.target.value)}
        error={errors['notes']}
        autoComplete="off"
      />
      <FormActions
        submitLabel={editing ? t('common.save') : t('routers.create')}
        pending={save.isPending}
        error={save.error}
        fieldErrors={errors}
      />
    </form>
  );
}

export function RouterFormDialog({
  open,
  router,
  onClose,
  onSaved,
}: {
  open: boolean;
  router: Router | null;
  onClose: () => void;
  onSaved?: (saved: Router) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <EditorDialog<Router>
      open={open}
      onClose={onClose}
      onSaved={onSaved}
      title={router ? t('routers.editTitle', { name: router.name }) : t('routers.createTitle')}
      form={(saved) => <RouterForm router={router} onSaved={saved} />}
    />
  );
}
