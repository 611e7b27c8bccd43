import { useTranslation } from 'react-i18next';
import { useTheme, type ThemePreference } from '../lib/theme';
import { LaptopIcon, MoonIcon, SunIcon } from './icons';
import { Segmented } from './segmented';

export function ThemeToggle(): React.JSX.Element {
  const { t } = useTranslation();
  const [theme, setTheme] = useTheme();
  return (
    <Segmented<ThemePreference>
      label={t('theme.label')}
      value={theme}
      options={[
        { value: 'light', label: t('theme.light'), content: <SunIcon /> },
        { value: 'dark', label: t('theme.dark'), content: <MoonIcon /> },
        { value: 'system', label: t('theme.system'), content: <LaptopIcon /> },
      ]}
      onChange={setTheme}
    />
  );
}
