import type { UseMutationResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from './field';
import { FormDialog, useFormErrors } from './form-dialog';

/**
 * Asks for a reason (3–500 characters) before an irreversible money action: void an invoice,
 * reverse a payment. Sends `{ reason }` through the given mutation.
 */
export function ReasonDialog<R>({
  open,
  onClose,
  title,
  description,
  submitLabel,
  mutation,
  onDone,
  name,
  tone = 'danger',
  label,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  submitLabel: string;
  mutation: UseMutationResult<R, Error, { reason: string }>;
  onDone?: (result: R) => void;
  name: string;
  tone?: 'danger' | 'primary';
  /** The text field's label; "Reason" when absent. */
  label?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const form = useFormErrors();
  const close = (): void => {
    setReason('');
    form.clear();
    mutation.reset();
    onClose();
  };
  return (
    <FormDialog
      name={name}
      open={open}
      onClose={close}
      size="sm"
      tone={tone}
      title={title}
      description={description}
      submitLabel={submitLabel}
      pending={mutation.isPending}
      error={mutation.error}
      fieldErrors={form.errors}
      onSubmit={() => {
        if (reason.trim().length < 3) {
          form.fromIssues({
            issues: [
              { code: 'too_small', minimum: 3, origin: 'string', path: ['reason'], message: '' },
            ],
          });
          return;
        }
        form.clear();
        mutation.mutate(
          { reason: reason.trim() },
          {
            onSuccess: (result) => {
              close();
              onDone?.(result);
            },
            onError: form.fromError,
          },
        );
      }}
    >
      <TextField
        label={label ?? t('billingCommon.reason')}
        name="reason"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={form.errors['reason']}
        maxLength={500}
        autoFocus
        required
      />
    </FormDialog>
  );
}
