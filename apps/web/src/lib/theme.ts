import { useCallback, useEffect, useState } from 'react';

export type ThemePreference = 'light' | 'dark' | 'system';

const STORAGE_KEY = 'jaring.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function readTheme(): ThemePreference {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

function resolvesToDark(preference: ThemePreference): boolean {
  if (preference === 'system') return window.matchMedia(DARK_QUERY).matches;
  return preference === 'dark';
}

export function applyTheme(preference: ThemePreference): void {
  const root = document.documentElement;
  root.classList.toggle('dark', resolvesToDark(preference));
  root.dataset['theme'] = preference;
}

/** The persisted theme preference; `system` follows the operating system live. */
export function useTheme(): [ThemePreference, (next: ThemePreference) => void] {
  const [preference, setPreference] = useState<ThemePreference>(readTheme);

  useEffect(() => {
    applyTheme(preference);
    if (preference !== 'system') return undefined;
    const media = window.matchMedia(DARK_QUERY);
    const onChange = (): void => applyTheme('system');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [preference]);

  const update = useCallback((next: ThemePreference) => {
    if (next === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, next);
    setPreference(next);
  }, []);

  return [preference, update];
}
