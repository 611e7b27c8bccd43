import type { AlertRule } from '@jaring/contracts';
import { ALERT_RULES } from '@jaring/contracts';
import type { AlertFilters, AlertStatusFilter } from './api';

export type DetailValue = string | number | boolean | null;

/**
 * An alert's `details` as label/value rows: nested objects flatten to dotted keys
 * (`interface.name`), arrays and deeper structures show as JSON.
 */
export function detailEntries(
  details: Record<string, unknown>,
  prefix = '',
  depth = 0,
): [string, DetailValue][] {
  const rows: [string, DetailValue][] = [];
  for (const [key, value] of Object.entries(details)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      rows.push([path, value]);
    } else if (typeof value === 'object' && !Array.isArray(value) && depth < 2) {
      rows.push(...detailEntries(value as Record<string, unknown>, path, depth + 1));
    } else if (value !== undefined) {
      rows.push([path, JSON.stringify(value)]);
    }
  }
  return rows;
}

const STATUSES: readonly AlertStatusFilter[] = [
  'active',
  'open',
  'acknowledged',
  'resolved',
  'all',
];
const SEVERITIES = ['critical', 'warning', 'info'] as const;

/** The alert list's filters from the address bar, ignoring anything unknown. */
export function filtersFromParams(params: URLSearchParams): AlertFilters {
  const status = params.get('status') as AlertStatusFilter | null;
  const severity = params.get('severity');
  const rule = params.get('rule');
  return {
    status: status && STATUSES.includes(status) ? status : 'active',
    severity: SEVERITIES.find((s) => s === severity) ?? '',
    rule: ALERT_RULES.find((r): r is AlertRule => r === rule) ?? '',
    routerId: params.get('routerId') ?? '',
    entityId: params.get('entityId') ?? '',
  };
}

/** The filters back to the address bar, leaving out defaults. */
export function paramsFromFilters(
  filters: AlertFilters,
  id: string | null,
): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.status !== 'active') params['status'] = filters.status;
  if (filters.severity) params['severity'] = filters.severity;
  if (filters.rule) params['rule'] = filters.rule;
  if (filters.routerId) params['routerId'] = filters.routerId;
  if (filters.entityId) params['entityId'] = filters.entityId;
  if (id) params['id'] = id;
  return params;
}
