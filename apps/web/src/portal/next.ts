/** Only portal pages are followed after login: never another origin, the staff console or a link. */
export function safePortalNext(value: string | null): string {
  if (!value || !value.startsWith('/portal/') || value.startsWith('//')) return '/portal';
  if (value.startsWith('/portal/login') || value.startsWith('/portal/link/')) return '/portal';
  return value;
}
