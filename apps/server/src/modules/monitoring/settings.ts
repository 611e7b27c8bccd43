import {
  DEFAULT_MONITORING_SETTINGS,
  monitoringSettingsSchema,
  type MonitoringSettings,
} from '@jaring/contracts';
import type { Executor } from '../../db/database.ts';
import { appSettings } from '../../db/schema/index.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { readSetting } from '../customers/queries.ts';

export const MONITORING_SETTINGS_KEY = 'monitoring.settings';

function asObject(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

/**
 * Stored settings over the defaults, rule by rule: a rule added in a later version starts with its
 * default, and a stored rule that no longer validates falls back to its default alone.
 */
export async function readMonitoringSettings(db: Executor): Promise<MonitoringSettings> {
  const raw = asObject(await readSetting(db, MONITORING_SETTINGS_KEY));
  const d = DEFAULT_MONITORING_SETTINGS;
  const rulesRaw = asObject(raw['rules']);
  const ruleShapes = monitoringSettingsSchema.shape.rules.shape;
  const rules = {} as Record<string, unknown>;
  for (const key of Object.keys(d.rules) as (keyof MonitoringSettings['rules'])[]) {
    const merged = { ...d.rules[key], ...asObject(rulesRaw[key]) };
    rules[key] = ruleShapes[key].safeParse(merged).data ?? d.rules[key];
  }
  const shape = monitoringSettingsSchema.shape;
  return {
    rules: rules as MonitoringSettings['rules'],
    clearMinutes: shape.clearMinutes.safeParse(raw['clearMinutes']).data ?? d.clearMinutes,
    reopenMinutes: shape.reopenMinutes.safeParse(raw['reopenMinutes']).data ?? d.reopenMinutes,
    recipients: shape.recipients.safeParse(raw['recipients']).data ?? d.recipients,
    retention:
      shape.retention.safeParse({ ...d.retention, ...asObject(raw['retention']) }).data ??
      d.retention,
  };
}

export async function updateMonitoringSettings(
  deps: AppDeps,
  ctx: RequestContext,
  input: MonitoringSettings,
): Promise<MonitoringSettings> {
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await readMonitoringSettings(tx);
    await tx
      .insert(appSettings)
      .values({ key: MONITORING_SETTINGS_KEY, value: input, updatedAt: at })
      .onConflictDoUpdate({ target: appSettings.key, set: { value: input, updatedAt: at } });
    await recordAudit(tx, ctx, {
      action: 'monitoring.settings_updated',
      entityType: 'settings',
      entityId: MONITORING_SETTINGS_KEY,
      before,
      after: input,
    });
  });
  return readMonitoringSettings(deps.db);
}
