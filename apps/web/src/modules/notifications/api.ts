import type {
  Notification,
  NotificationChannel,
  NotificationSettings,
  NotificationTemplate,
  NotificationTemplateId,
  UpdateNotificationSettings,
} from '@jaring/contracts';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import {
  useApiMutation,
  usePagedResource,
  useResource,
  type PagedQuery,
} from '../../components/resource';

export const SETTINGS_PATH = '/settings/notifications';
export const TEMPLATES_PATH = '/notification-templates';
export const OUTBOX_PATH = '/notifications';

export type NotificationStatus = Notification['status'];
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export const NOTIFICATION_CHANNELS = ['email', 'whatsapp', 'telegram'] as const;

export interface OutboxFilters {
  status?: NotificationStatus | '';
  channel?: NotificationChannel | '';
  template?: NotificationTemplateId | '';
}

export function useNotificationSettings(): UseQueryResult<NotificationSettings> {
  return useResource<NotificationSettings>(SETTINGS_PATH);
}

export function useSaveNotificationSettings(): UseMutationResult<
  NotificationSettings,
  Error,
  UpdateNotificationSettings
> {
  return useApiMutation<NotificationSettings, UpdateNotificationSettings>({
    method: 'PUT',
    path: SETTINGS_PATH,
    invalidates: [SETTINGS_PATH],
  });
}

export function useNotificationTemplates(): UseQueryResult<NotificationTemplate[]> {
  return useResource<NotificationTemplate[]>(TEMPLATES_PATH);
}

export type TemplateKey = Pick<NotificationTemplate, 'template' | 'locale' | 'channel'>;

export const templatePath = (key: TemplateKey): string =>
  `${TEMPLATES_PATH}/${key.template}/${key.locale}/${key.channel}`;

/** `body: null` resets the template to the built-in text. */
export function usePutTemplate(
  key: TemplateKey | null,
): UseMutationResult<NotificationTemplate, Error, { subject: string | null; body: string | null }> {
  return useApiMutation<NotificationTemplate, { subject: string | null; body: string | null }>({
    method: 'PUT',
    path: key ? templatePath(key) : TEMPLATES_PATH,
    invalidates: [TEMPLATES_PATH],
  });
}

/** The whole outbox, newest first; empty filters are left out of the query. */
export function useOutbox(filters: OutboxFilters): PagedQuery<Notification> {
  const query: Record<string, string> = {};
  if (filters.status) query.status = filters.status;
  if (filters.channel) query.channel = filters.channel;
  if (filters.template) query.template = filters.template;
  return usePagedResource<Notification>(OUTBOX_PATH, query);
}

export function useCustomerNotifications(
  customerId: string,
  enabled = true,
): PagedQuery<Notification> {
  return usePagedResource<Notification>(
    `/customers/${encodeURIComponent(customerId)}/notifications`,
    {},
    { pageSize: 10, enabled },
  );
}
