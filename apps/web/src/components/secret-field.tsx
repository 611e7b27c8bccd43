import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { TextField } from './field';

/**
 * A write-only secret (password, API key): the API only says whether one is stored. '' keeps the
 * stored value, text replaces it, null removes it on save ("Remove").
 */
export function SecretField({
  label,
  name,
  value,
  onChange,
  stored,
  error,
  readOnly = false,
  removeAction,
}: {
  label: string;
  name: string;
  value: string | null;
  onChange: (value: string | null) => void;
  /** Whether the server holds one. */
  stored: boolean;
  error?: string | undefined;
  readOnly?: boolean;
  /** `data-action` of the Remove button, e.g. `remove-password`. */
  removeAction: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const removing = value === null;
  return (
    <div className="flex items-start gap-2">
      <TextField
        label={label}
        name={name}
        type="password"
        autoComplete="new-password"
        value={value ?? ''}
        placeholder={stored && !removing ? '••••••••' : ''}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        hint={
          removing
            ? t('common.secret.removing')
            : stored
              ? t('common.secret.stored')
              : t('common.secret.none')
        }
        disabled={readOnly}
        containerClassName="flex-1"
      />
      {stored && !readOnly && !removing && (
        <Button
          size="sm"
          variant="ghost"
          className="mt-6"
          data-action={removeAction}
          onClick={() => onChange(null)}
        >
          {t('common.secret.remove')}
        </Button>
      )}
    </div>
  );
}
