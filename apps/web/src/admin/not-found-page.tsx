import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '../components/page';

export function NotFoundPage(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Card className="p-8 text-center">
      <h1 className="text-lg font-semibold">{t('notFound.title')}</h1>
      <p className="mt-1 text-zinc-500 dark:text-zinc-400">{t('notFound.hint')}</p>
      <Link
        to="/dashboard"
        className="mt-4 inline-block font-medium text-brand-700 hover:underline dark:text-brand-400"
      >
        {t('notFound.back')}
      </Link>
    </Card>
  );
}
