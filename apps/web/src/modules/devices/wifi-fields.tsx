import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTROL_CLASS, TextField } from '../../components/field';
import { cx } from '../../components/cx';
import { EyeIcon, EyeOffIcon } from './icons';
import {
  PASSPHRASE_MAX,
  SSID_MAX_BYTES,
  passphraseProblem,
  passphraseStrength,
  ssidBytes,
  type PassphraseProblem,
  type PassphraseStrength,
  type SsidProblem,
} from './wifi';

/** A translated message for a WiFi field problem. */
export function wifiProblemMessage(
  problem: SsidProblem | PassphraseProblem | undefined,
  field: 'ssid' | 'password',
  t: TFunction,
): string | undefined {
  return problem ? t(`wifiFields.problem.${field}.${problem}`) : undefined;
}

export function SsidField({
  value,
  onChange,
  error,
  testId,
  disabled,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  testId?: string;
  disabled?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const bytes = ssidBytes(value);
  return (
    <TextField
      label={t('wifiFields.ssid')}
      name="ssid"
      autoComplete="off"
      autoCapitalize="off"
      spellCheck={false}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
      error={error}
      hint={t('wifiFields.ssidHint', { used: bytes, max: SSID_MAX_BYTES })}
      data-testid={testId}
    />
  );
}

const STRENGTH_STEPS: Record<PassphraseStrength, number> = { weak: 1, fair: 2, good: 3, strong: 4 };
const STRENGTH_COLOUR: Record<PassphraseStrength, string> = {
  weak: 'bg-red-500',
  fair: 'bg-amber-500',
  good: 'bg-emerald-500',
  strong: 'bg-emerald-600',
};

/** Four bars and a word: how hard the passphrase is to guess. */
function StrengthMeter({ strength }: { strength: PassphraseStrength }): React.JSX.Element {
  const { t } = useTranslation();
  const steps = STRENGTH_STEPS[strength];
  return (
    <div className="flex items-center gap-2" data-strength={strength} aria-live="polite">
      <div className="flex flex-1 gap-1" aria-hidden="true">
        {[1, 2, 3, 4].map((step) => (
          <span
            key={step}
            className={cx(
              'h-1 flex-1 rounded-full',
              step <= steps ? STRENGTH_COLOUR[strength] : 'bg-zinc-200 dark:bg-zinc-700',
            )}
          />
        ))}
      </div>
      <span className="shrink-0 text-xs text-zinc-600 dark:text-zinc-300">
        {t('wifiFields.strength.label', { strength: t(`wifiFields.strength.${strength}`) })}
      </span>
    </div>
  );
}

/**
 * The new WiFi password: shown or hidden on request, with a strength hint once it is long enough
 * to be accepted. Empty means "keep the current password" unless `required`.
 */
export function WifiPasswordField({
  value,
  onChange,
  ssid,
  error,
  testId,
  required = false,
  disabled,
}: {
  value: string;
  onChange: (value: string) => void;
  /** The new network name, so a password that repeats it is called weak. */
  ssid: string;
  error?: string | undefined;
  testId?: string;
  required?: boolean;
  disabled?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const id = useId();
  const [shown, setShown] = useState(false);
  const valid = value !== '' && passphraseProblem(value) === null;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {t('wifiFields.password')}
      </label>
      <div className="relative">
        <input
          id={id}
          name="password"
          type={shown ? 'text' : 'password'}
          autoComplete="new-password"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={PASSPHRASE_MAX + 1}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : hintId}
          data-testid={testId}
          className={cx(CONTROL_CLASS, 'pr-10 font-mono')}
        />
        <button
          type="button"
          onClick={() => setShown((current) => !current)}
          aria-pressed={shown}
          aria-controls={id}
          aria-label={shown ? t('wifiFields.hidePassword') : t('wifiFields.showPassword')}
          title={shown ? t('wifiFields.hidePassword') : t('wifiFields.showPassword')}
          className="absolute inset-y-0 right-0 flex w-10 items-center justify-center rounded-r-md text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          {shown ? <EyeOffIcon /> : <EyeIcon />}
        </button>
      </div>
      {valid && <StrengthMeter strength={passphraseStrength(value, ssid)} />}
      {error ? (
        <p id={errorId} className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : (
        <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
          {required ? t('wifiFields.passwordHint') : t('wifiFields.passwordHintOptional')}
        </p>
      )}
    </div>
  );
}
