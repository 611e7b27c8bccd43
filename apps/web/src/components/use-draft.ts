import { useState, type Dispatch, type SetStateAction } from 'react';

/** A setter of one field of a draft, fit for an input's change handler. */
export type FieldSetter<D> = <K extends keyof D>(key: K) => (value: D[K]) => void;

/** The state of a form as one object, with a setter per field. */
export function useDraft<D extends object>(
  initial: D | (() => D),
): [D, FieldSetter<D>, Dispatch<SetStateAction<D>>] {
  const [draft, setDraft] = useState<D>(initial);
  const set: FieldSetter<D> = (key) => (value) =>
    setDraft((current) => ({ ...current, [key]: value }));
  return [draft, set, setDraft];
}
