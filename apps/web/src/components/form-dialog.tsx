import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api';
import { fieldErrorsFromIssues, serverFieldErrors } from '../lib/validation';
import { Button } from './button';
import { cx } from './cx';
import { Dialog, type DialogProps } from './dialog';
import { ProblemAlert } from './problem-alert';

type Errors = Record<string, string>;

interface IssueSource {
  issues: Parameters<typeof fieldErrorsFromIssues>[0];
}

export interface FormErrors {
  errors: Errors;
  /** Field errors from a failed request (problem+json `errors[]`); other errors stay general. */
  fromError: (error: unknown) => void;
  /** Field errors from a failed client-side Zod parse. */
  fromIssues: (error: IssueSource) => void;
  clear: () => void;
}

/**
 * Field errors of one form, from local validation or from the server's problem details. Keyed by
 * the first path segment (`email`), or with `nested` by the whole dotted path (`company.name`,
 * `bankAccounts.0.bank`) for forms that edit a nested document. `fieldOfCode` shows problems
 * that concern one field without saying so (`{ username_taken: 'username' }`) on that field; pass
 * a constant, not a new object per render.
 */
export function useFormErrors({
  nested = false,
  fieldOfCode,
}: { nested?: boolean; fieldOfCode?: Readonly<Record<string, string>> } = {}): FormErrors {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Errors>({});
  const fromError = useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return setErrors({});
      if (!nested) {
        const found = serverFieldErrors(error, t);
        const field = fieldOfCode?.[error.code];
        if (field) found[field] = t(`errors.${error.code}`);
        return setErrors(found);
      }
      const found: Errors = {};
      for (const item of error.problem.errors ?? []) {
        found[item.path] ??= t([`validation.server.${item.code}`, `errors.${item.code}`], {
          defaultValue: item.message,
        });
      }
      setErrors(found);
    },
    [t, nested, fieldOfCode],
  );
  const fromIssues = useCallback(
    (error: IssueSource) => {
      if (!nested) return setErrors(fieldErrorsFromIssues(error.issues, t));
      const found: Errors = {};
      for (const issue of error.issues) {
        const key = issue.path.map(String).join('.');
        found[key] ??= Object.values(fieldErrorsFromIssues([issue], t))[0] ?? '';
      }
      setErrors(found);
    },
    [t, nested],
  );
  const clear = useCallback(() => setErrors({}), []);
  return { errors, fromError, fromIssues, clear };
}

/**
 * The end of a form that sits in a dialog's body (or a page): the request's error, unless field
 * errors already explain it, then the submit button on a row of its own.
 */
export function FormActions({
  submitLabel,
  pending,
  error,
  fieldErrors,
  divider = true,
}: {
  submitLabel: string;
  pending: boolean;
  error: unknown;
  fieldErrors: Errors;
  /** A line above the buttons, for forms longer than a field or two. */
  divider?: boolean;
}): React.JSX.Element {
  return (
    <>
      {Object.keys(fieldErrors).length === 0 && <ProblemAlert error={error} />}
      <div
        className={cx(
          'flex justify-end gap-2',
          divider && 'border-t border-zinc-200 pt-4 dark:border-zinc-800',
        )}
      >
        <Button type="submit" variant="primary" loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </>
  );
}

/**
 * A dialog around a create-or-edit form that keeps its own state: the form mounts only while the
 * dialog is open (so each opening starts afresh), and a save closes the dialog before `onSaved`.
 */
export function EditorDialog<S>({
  open,
  onClose,
  onSaved,
  title,
  size = 'lg',
  form,
}: {
  open: boolean;
  onClose: () => void;
  onSaved?: (saved: S) => void;
  title: string;
  size?: DialogProps['size'];
  form: (saved: (saved: S) => void) => ReactNode;
}): React.JSX.Element {
  return (
    <Dialog open={open} onClose={onClose} title={title} size={size}>
      {open &&
        form((saved) => {
          onClose();
          onSaved?.(saved);
        })}
    </Dialog>
  );
}

export interface FormDialogProps extends Omit<DialogProps, 'footer' | 'children'> {
  children: ReactNode;
  submitLabel: string;
  onSubmit: () => void;
  pending?: boolean;
  /** The request's error; shown above the buttons unless it was only about fields. */
  error?: unknown;
  /** Field errors already shown next to their inputs. */
  fieldErrors?: Errors;
  /** Extra footer buttons before Cancel/Submit (e.g. a "Preview" step). */
  extraActions?: ReactNode;
  submitDisabled?: boolean;
  tone?: 'primary' | 'danger';
  /** The form's name, for tests and for `form=` on the submit button. */
  name: string;
}

/** A dialog around one form: Cancel and Submit in the footer, Enter submits, errors shown once. */
export function FormDialog({
  children,
  submitLabel,
  onSubmit,
  pending = false,
  error,
  fieldErrors = {},
  extraActions,
  submitDisabled = false,
  tone = 'primary',
  name,
  onClose,
  ...dialog
}: FormDialogProps): React.JSX.Element {
  const { t } = useTranslation();
  const formId = `${name}-form`;
  const onlyFields =
    isApiError(error) &&
    (error.problem.errors?.length ?? 0) > 0 &&
    Object.keys(fieldErrors).length > 0;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Dialog
      {...dialog}
      onClose={onClose}
      footer={
        <>
          {extraActions}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="submit"
            form={formId}
            variant={tone}
            loading={pending}
            disabled={submitDisabled}
          >
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} name={name} onSubmit={submit} noValidate className="space-y-4">
        {children}
        {!onlyFields && <ProblemAlert error={error} />}
      </form>
    </Dialog>
  );
}
