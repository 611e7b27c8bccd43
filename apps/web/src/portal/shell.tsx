import type { ReactNode } from 'react';
import { LogoMark } from '../components/icons';
import { LanguageSwitch } from '../components/language-switch';
import { ThemeToggle } from '../components/theme-toggle';
import { useDocumentTitle } from '../lib/document-title';

/** The signed-out frame of the portal: login and link landing. */
export function PortalShell({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}): React.JSX.Element {
  useDocumentTitle(title);
  return (
    <div className="flex min-h-dvh flex-col bg-zinc-100/60 dark:bg-zinc-950">
      <div className="flex justify-end gap-2 p-3 sm:p-4">
        <LanguageSwitch />
        <ThemeToggle />
      </div>
      <main className="flex flex-1 items-start justify-center px-4 pt-[6vh] pb-12">
        <div className="w-full max-w-sm">
          <div className="mb-6 flex flex-col items-center gap-3 text-center">
            <LogoMark width={40} height={40} />
            <div>
              <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
              {subtitle && (
                <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{subtitle}</p>
              )}
            </div>
          </div>
          {children}
        </div>
      </main>
    </div>
  );
}
