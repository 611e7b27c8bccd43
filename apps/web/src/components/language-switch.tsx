import type { Locale } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { currentLocale, setLocale } from '../lib/i18n';
import { Segmented } from './segmented';

export function LanguageSwitch({
  onChange,
}: {
  /** Called after the UI switched, e.g. to save the choice to the user's profile. */
  onChange?: (locale: Locale) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const value = currentLocale();
  return (
    <Segmented<Locale>
      label={t('language.label')}
      value={value}
      options={[
        { value: 'id', label: t('language.id'), content: 'ID' },
        { value: 'en', label: t('language.en'), content: 'EN' },
      ]}
      onChange={(locale) => {
        setLocale(locale);
        onChange?.(locale);
      }}
    />
  );
}
