import { useTranslation } from 'react-i18next';
import { LogoMark } from '../components/icons';
import { LanguageSwitch } from '../components/language-switch';

/** The customer portal's entry; later work adds the customer login and pages here. */
export function PortalPage(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center gap-4 p-6 text-center">
      <LogoMark width={40} height={40} />
      <h1 className="text-xl font-semibold">{t('portal.title')}</h1>
      <p className="max-w-sm text-zinc-500 dark:text-zinc-400">{t('portal.comingSoon')}</p>
      <LanguageSwitch />
    </div>
  );
}
