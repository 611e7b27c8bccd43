import type { AnchorHTMLAttributes } from 'react';
import { cx } from './cx';

const BASE =
  'inline-flex shrink-0 items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap transition-colors';
const VARIANTS = {
  secondary:
    'border border-zinc-300 bg-white text-zinc-800 shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800',
  ghost: 'text-brand-700 hover:bg-zinc-100 dark:text-brand-300 dark:hover:bg-zinc-800',
} as const;
const SIZES = { sm: 'h-8 px-2.5 text-xs', md: 'h-9 px-3.5 text-sm' } as const;

/**
 * A link to a file the API serves (PDF, CSV, receipt), looking like a button. Same-origin, so the
 * session cookie goes along; `download` asks the browser to save instead of navigate when wanted.
 */
export function ApiFileLink({
  path,
  query,
  variant = 'secondary',
  size = 'sm',
  className,
  children,
  newTab = false,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & {
  /** A path under /api/v1, e.g. `/invoices/123/pdf`. */
  path: string;
  query?: Record<string, string | undefined>;
  variant?: keyof typeof VARIANTS;
  size?: keyof typeof SIZES;
  newTab?: boolean;
}): React.JSX.Element {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value) params.set(key, value);
  const search = params.toString();
  return (
    <a
      href={`/api/v1${path}${search ? `?${search}` : ''}`}
      className={cx(BASE, VARIANTS[variant], SIZES[size], className)}
      {...(newTab ? { target: '_blank', rel: 'noopener' } : {})}
      {...props}
    >
      {children}
    </a>
  );
}
