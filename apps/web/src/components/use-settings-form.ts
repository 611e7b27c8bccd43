import type { UseMutationResult } from '@tanstack/react-query';
import { useState, type Dispatch, type SetStateAction } from 'react';
import { useFormErrors, type FormErrors } from './form-dialog';

/** What a shared Zod schema's `safeParse` answers, as far as a form needs it. */
export type Validation<B> =
  { success: true; data: B } | { success: false; error: Parameters<FormErrors['fromIssues']>[0] };

export interface SettingsForm<S, D> {
  draft: D;
  setDraft: Dispatch<SetStateAction<D>>;
  /** The settings as last loaded or saved (write-only secrets say only whether one is stored). */
  stored: S;
  /** Field errors keyed by their dotted path (`fees.gopay.flat`). */
  errors: Record<string, string>;
  /** Validates with the shared schema, saves, and starts again from what was saved. */
  submit: () => void;
}

/** A settings form saved as a whole (PUT): the typed draft, the stored settings, the save. */
export function useSettingsForm<S, D, B>({
  settings,
  draftFrom,
  bodyFrom,
  validate,
  save,
}: {
  settings: S;
  draftFrom: (settings: S) => D;
  bodyFrom: (draft: D) => unknown;
  validate: (body: unknown) => Validation<B>;
  save: UseMutationResult<S, Error, B>;
}): SettingsForm<S, D> {
  const [draft, setDraft] = useState<D>(() => draftFrom(settings));
  const [stored, setStored] = useState(settings);
  const form = useFormErrors({ nested: true });
  const submit = (): void => {
    save.reset();
    const parsed = validate(bodyFrom(draft));
    if (!parsed.success) {
      form.fromIssues(parsed.error);
      return;
    }
    form.clear();
    save.mutate(parsed.data, {
      onSuccess: (saved) => {
        setStored(saved);
        setDraft(draftFrom(saved));
      },
      onError: form.fromError,
    });
  };
  return { draft, setDraft, stored, errors: form.errors, submit };
}
