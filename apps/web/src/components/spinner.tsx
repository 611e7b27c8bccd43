import { cx } from './cx';

export function Spinner({ className }: { className?: string }): React.JSX.Element {
  return (
    <span
      aria-hidden="true"
      className={cx(
        'inline-block size-4 animate-spin rounded-full border-2 border-current border-r-transparent',
        className,
      )}
    />
  );
}

export function PageSpinner({ label }: { label: string }): React.JSX.Element {
  return (
    <div role="status" className="flex items-center justify-center gap-2 py-16 text-zinc-500">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}
