/**
 * The navigation entry for a path: the longest target that is the path or one of its parents,
 * so `/payments/online/…` lights "Online payments" and not also the cashier at `/payments`.
 */
export function activeNavTarget(pathname: string, targets: readonly string[]): string | null {
  let best: string | null = null;
  for (const target of targets) {
    const matches = pathname === target || pathname.startsWith(`${target}/`);
    if (matches && (best === null || target.length > best.length)) best = target;
  }
  return best;
}
