import {
  createAcsServerSchema,
  updateAcsServerSchema,
  type AcsServer,
  type AcsTestResult,
} from '@jaring/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { CONTROL_CLASS, TextField } from '../../components/field';
import { EditorDialog, FormActions, useFormErrors } from '../../components/form-dialog';
import { errorMessage } from '../../components/problem-alert';
import { SecretField } from '../../components/secret-field';
import { useDraft } from '../../components/use-draft';
import { cx } from '../../components/cx';
import { isApiError } from '../../lib/api';
import {
  useCreateAcsServer,
  useTestAcsConnection,
  useTestAcsServer,
  useUpdateAcsServer,
} from './api';
import { createFrom, draftFrom, parseOverrides, testTarget, updateFrom } from './acs-draft';

/** The outcome of "Test connection": reachable with how many devices, or why not. */
export function AcsTestOutcome({
  result,
  error,
}: {
  result: AcsTestResult | undefined;
  error: unknown;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  if (error) {
    const detail = isApiError(error) ? error.problem.detail : undefined;
    return (
      <Alert tone="error" title={errorMessage(error, t)}>
        {detail && <p className="font-mono text-xs opacity-80">{detail}</p>}
      </Alert>
    );
  }
  if (!result) return null;
  if (!result.ok) {
    return (
      <Alert tone="error" title={t('acsServers.test.failed')}>
        <span data-testid="acs-test-result" className="font-mono text-xs break-words">
          {result.error}
        </span>
      </Alert>
    );
  }
  return (
    <Alert tone="success" title={t('acsServers.test.ok')}>
      <span data-testid="acs-test-result">
        {t('acsServers.test.detail', {
          latency: result.latencyMs,
          devices: result.deviceCount ?? '—',
        })}
      </span>
    </Alert>
  );
}

function Toggle({
  name,
  label,
  hint,
  checked,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (value: boolean) => void;
}): React.JSX.Element {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        className="mt-0.5"
      />
      <span>
        <span className="font-medium">{label}</span>
        {hint && <span className="block text-xs text-zinc-500 dark:text-zinc-400">{hint}</span>}
      </span>
    </label>
  );
}

/** The first error about the overrides, whichever rule and field it concerns. */
function overridesError(errors: Record<string, string>): string | undefined {
  const found = Object.entries(errors).find(([key]) => key.startsWith('paramOverrides'));
  if (!found) return undefined;
  const [path, message] = found;
  return path === 'paramOverrides'
    ? message
    : `${path.replace(/^paramOverrides\.?/, '')}: ${message}`;
}

function AcsServerForm({
  server,
  onSaved,
}: {
  server: AcsServer | null;
  onSaved: (saved: AcsServer) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const editing = server !== null;
  const [draft, set] = useDraft(() => draftFrom(server));
  const form = useFormErrors({ nested: true });
  const [overridesBad, setOverridesBad] = useState(false);
  const [advanced, setAdvanced] = useState(draft.paramOverrides !== '');
  const create = useCreateAcsServer();
  const update = useUpdateAcsServer();
  const save = editing ? update : create;
  const testSettings = useTestAcsConnection();
  const testSaved = useTestAcsServer();
  const [lastTest, setLastTest] = useState<'settings' | 'saved' | null>(null);
  const testState = lastTest === 'saved' ? testSaved : testSettings;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    save.reset();
    const overrides = parseOverrides(draft.paramOverrides);
    setOverridesBad(!overrides.ok);
    if (!overrides.ok) return;
    if (server) {
      const parsed = updateAcsServerSchema.safeParse(updateFrom(draft, overrides.value));
      if (!parsed.success) return form.fromIssues(parsed.error);
      form.clear();
      update.mutate(
        { id: server.id, body: parsed.data },
        { onSuccess: onSaved, onError: form.fromError },
      );
    } else {
      const parsed = createAcsServerSchema.safeParse(createFrom(draft, overrides.value));
      if (!parsed.success) return form.fromIssues(parsed.error);
      form.clear();
      create.mutate(parsed.data, { onSuccess: onSaved, onError: form.fromError });
    }
  };

  const test = (): void => {
    testSettings.reset();
    testSaved.reset();
    const target = testTarget(draft, server);
    if ('saved' in target) {
      setLastTest('saved');
      testSaved.mutate(target.saved);
    } else {
      setLastTest('settings');
      testSettings.mutate(target.settings);
    }
  };

  const e = form.errors;
  const overridesMessage = overridesBad ? t('acsServers.overridesInvalid') : overridesError(e);

  return (
    <form name="acs-server" onSubmit={submit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('acsServers.fields.name')}
          name="name"
          value={draft.name}
          onChange={(event) => set('name')(event.target.value)}
          error={e['name']}
          autoComplete="off"
          required
        />
        <TextField
          label={t('acsServers.fields.baseUrl')}
          name="baseUrl"
          type="url"
          inputMode="url"
          value={draft.baseUrl}
          onChange={(event) => set('baseUrl')(event.target.value)}
          error={e['baseUrl']}
          hint={t('acsServers.baseUrlHint')}
          placeholder="http://10.0.0.5:7557"
          autoComplete="off"
          required
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('acsServers.fields.username')}
          name="username"
          value={draft.username}
          onChange={(event) => set('username')(event.target.value)}
          error={e['username']}
          hint={t('acsServers.credentialsHint')}
          autoComplete="off"
        />
        <SecretField
          label={t('acsServers.fields.password')}
          name="password"
          value={draft.password}
          onChange={set('password')}
          stored={server?.hasPassword ?? false}
          error={e['password']}
          removeAction="remove-password"
        />
      </div>
      <div className="space-y-2">
        <Button onClick={test} loading={testSettings.isPending || testSaved.isPending}>
          {t('acsServers.test.button')}
        </Button>
        <AcsTestOutcome result={testState.data} error={testState.error} />
      </div>
      <div className="grid grid-cols-2 items-end gap-4 sm:grid-cols-4">
        <TextField
          label={t('acsServers.fields.syncIntervalMinutes')}
          name="syncIntervalMinutes"
          inputMode="numeric"
          value={draft.syncIntervalMinutes}
          onChange={(event) => set('syncIntervalMinutes')(event.target.value)}
          error={e['syncIntervalMinutes']}
        />
        <TextField
          label={t('acsServers.fields.onlineWindowMinutes')}
          name="onlineWindowMinutes"
          inputMode="numeric"
          value={draft.onlineWindowMinutes}
          onChange={(event) => set('onlineWindowMinutes')(event.target.value)}
          error={e['onlineWindowMinutes']}
        />
        <TextField
          label={t('acsServers.fields.timeoutSeconds')}
          name="timeoutSeconds"
          inputMode="decimal"
          value={draft.timeoutSeconds}
          onChange={(event) => set('timeoutSeconds')(event.target.value)}
          error={e['timeoutMs']}
        />
        <TextField
          label={t('acsServers.fields.taskTimeoutSeconds')}
          name="taskTimeoutSeconds"
          inputMode="decimal"
          value={draft.taskTimeoutSeconds}
          onChange={(event) => set('taskTimeoutSeconds')(event.target.value)}
          error={e['taskTimeoutMs']}
        />
      </div>
      <p className="-mt-2 text-xs text-zinc-500 dark:text-zinc-400">{t('acsServers.timingHint')}</p>
      <div className="space-y-2">
        <Toggle
          name="enabled"
          label={t('acsServers.fields.enabled')}
          hint={t('acsServers.enabledHint')}
          checked={draft.enabled}
          onChange={set('enabled')}
        />
        <Toggle
          name="syncTags"
          label={t('acsServers.fields.syncTags')}
          hint={t('acsServers.syncTagsHint')}
          checked={draft.syncTags}
          onChange={set('syncTags')}
        />
        {!editing && (
          <Toggle
            name="verify"
            label={t('acsServers.fields.verify')}
            hint={t('acsServers.verifyHint')}
            checked={draft.verify}
            onChange={set('verify')}
          />
        )}
      </div>
      <details
        className="text-sm"
        open={advanced || overridesMessage !== undefined}
        onToggle={(event) => setAdvanced(event.currentTarget.open)}
      >
        <summary className="cursor-pointer text-xs font-medium text-zinc-600 select-none dark:text-zinc-300">
          {t('acsServers.advanced')}
        </summary>
        <div className="mt-3 space-y-1.5">
          <label
            htmlFor="acs-param-overrides"
            className="block text-xs font-medium text-zinc-700 dark:text-zinc-300"
          >
            {t('acsServers.fields.paramOverrides')}
          </label>
          <textarea
            id="acs-param-overrides"
            name="paramOverrides"
            rows={6}
            spellCheck={false}
            value={draft.paramOverrides}
            onChange={(event) => set('paramOverrides')(event.target.value)}
            aria-invalid={overridesMessage ? true : undefined}
            placeholder='[{ "manufacturer": "ZTE", "rxPower": [{ "path": "VirtualParameters.RXPower", "unit": "dbm" }] }]'
            className={cx(CONTROL_CLASS, 'h-auto py-2 font-mono text-xs')}
          />
          {overridesMessage ? (
            <p className="text-xs break-words text-red-600 dark:text-red-400">{overridesMessage}</p>
          ) : (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {t('acsServers.overridesHint')}
            </p>
          )}
        </div>
      </details>
      <FormActions
        submitLabel={editing ? t('common.save') : t('acsServers.create')}
        pending={save.isPending}
        error={save.error}
        fieldErrors={e}
      />
    </form>
  );
}

export function AcsServerFormDialog({
  open,
  server,
  onClose,
}: {
  open: boolean;
  server: AcsServer | null;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <EditorDialog<AcsServer>
      open={open}
      onClose={onClose}
      title={
        server ? t('acsServers.editTitle', { name: server.name }) : t('acsServers.createTitle')
      }
      form={(saved) => <AcsServerForm server={server} onSaved={saved} />}
    />
  );
}
