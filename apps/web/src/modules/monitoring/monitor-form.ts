import type { RouterMonitorSettings, UpdateRouterMonitor } from '@jaring/contracts';
import { wholeNumber } from '../../lib/form-values';

/** A link capacity typed in Mbit/s (`1000`, `2,5`) to bit/s; empty is null (unknown). */
export function capacityFromMbps(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return Number.NaN;
  return Math.round(Number(trimmed) * 1_000_000);
}

/** Bit/s as the Mbit/s text the capacity field shows. */
export function capacityToMbps(bps: number | null): string {
  if (bps === null) return '';
  return String(Number((bps / 1_000_000).toFixed(3)));
}

export interface MonitorDraft {
  enabled: boolean;
  healthIntervalS: string;
  usageIntervalS: string;
}

export function monitorDraft(settings: RouterMonitorSettings): MonitorDraft {
  return {
    enabled: settings.enabled,
    healthIntervalS: String(settings.healthIntervalS),
    usageIntervalS: String(settings.usageIntervalS),
  };
}

/** Only what changed, so a save never overwrites a setting someone else just changed. */
export function monitorChanges(
  settings: RouterMonitorSettings,
  draft: MonitorDraft,
): UpdateRouterMonitor {
  const changes: UpdateRouterMonitor = {};
  if (draft.enabled !== settings.enabled) changes.enabled = draft.enabled;
  const health = wholeNumber(draft.healthIntervalS);
  if (health !== settings.healthIntervalS) changes.healthIntervalS = health;
  const usage = wholeNumber(draft.usageIntervalS);
  if (usage !== settings.usageIntervalS) changes.usageIntervalS = usage;
  return changes;
}
