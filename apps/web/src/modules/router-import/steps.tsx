import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx';

export const STEPS = ['review', 'confirm', 'done'] as const;
export type Step = (typeof STEPS)[number];

/** The wizard's three steps, the current one marked for assistive technology. */
export function StepIndicator({ current }: { current: Step }): React.JSX.Element {
  const { t } = useTranslation();
  const index = STEPS.indexOf(current);
  return (
    <ol
      aria-label={t('routerImport.steps.label')}
      className="mb-5 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm"
    >
      {STEPS.map((step, i) => (
        <li key={step} className="flex items-center gap-2">
          {i > 0 && <span aria-hidden="true" className="h-px w-6 bg-zinc-300 dark:bg-zinc-700" />}
          <span
            aria-current={step === current ? 'step' : undefined}
            data-step={step}
            className={cx(
              'inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 font-medium',
              step === current
                ? 'bg-brand-700 text-white dark:bg-brand-600'
                : i < index
                  ? 'bg-brand-50 text-brand-800 dark:bg-brand-950/50 dark:text-brand-200'
                  : 'bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400',
            )}
          >
            <span className="tabular-nums">{i + 1}</span>
            {t(`routerImport.steps.${step}`)}
          </span>
        </li>
      ))}
    </ol>
  );
}
