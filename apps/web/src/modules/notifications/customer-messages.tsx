import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../../lib/session';
import { useCustomerNotifications } from './api';
import { NotificationsTable } from './outbox';

/** The messages sent (or queued) to one customer, for the customer detail page. */
export function CustomerMessages({ customerId }: { customerId: string }): React.JSX.Element | null {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const allowed = can(me, 'customers:read');
  const query = useCustomerNotifications(customerId, allowed);
  if (!allowed) return null;
  return (
    <div data-testid="customer-messages">
      <h3 className="px-4 pt-4 pb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        {t('notifications.customer.title')}
      </h3>
      <NotificationsTable query={query} label={t('notifications.customer.title')} />
    </div>
  );
}
