import { isOwned, normalizeValue, type MenuSpec } from './menus.ts';
import type { DesiredItem } from './desired-state.ts';

export type RouterRow = Readonly<Record<string, string | undefined>>;

export interface MenuChange {
  op: 'add' | 'set' | 'remove';
  key: string;
  /** `.id` on the router for set/remove. */
  id?: string;
  props: Record<string, string>;
  /** Properties that differ (set) — drives session kicks. */
  changed: string[];
  subscriptionId?: string;
  customerId?: string;
}

export interface MenuDiff {
  changes: MenuChange[];
  /** Desired keys held by entries Jaring does not own: reported, never touched. */
  conflicts: string[];
}

/**
 * Compares what a menu should hold with what the router printed. Only entries Jaring owns are
 * changed or removed, and only the properties Jaring manages are compared.
 */
export function diffMenu(
  spec: MenuSpec,
  desired: readonly DesiredItem[],
  actual: readonly RouterRow[],
): MenuDiff {
  const owned = new Map<string, RouterRow[]>();
  const foreign = new Map<string, RouterRow>();
  for (const row of actual) {
    const key = row[spec.key];
    if (key === undefined) continue;
    if (isOwned(spec, row)) {
      const list = owned.get(key) ?? [];
      list.push(row);
      owned.set(key, list);
    } else if (!foreign.has(key)) {
      foreign.set(key, row);
    }
  }
  const changes: MenuChange[] = [];
  const conflicts: string[] = [];
  const wanted = new Set<string>();
  for (const item of desired) {
    wanted.add(item.key);
    const refs = {
      ...(item.subscriptionId ? { subscriptionId: item.subscriptionId } : {}),
      ...(item.customerId ? { customerId: item.customerId } : {}),
    };
    const rows = owned.get(item.key) ?? [];
    // An imported entry is taken over: compared and set like ours, comment included.
    const current = rows[0] ?? (item.adopt ? foreign.get(item.key) : undefined);
    if (!current) {
      if (foreign.has(item.key)) conflicts.push(item.key);
      else
        changes.push({
          op: 'add',
          key: item.key,
          props: { [spec.key]: item.key, ...item.props },
          changed: [],
          ...refs,
        });
      continue;
    }
    const changed = spec.fields.filter(
      (f) =>
        item.props[f] !== undefined && normalizeValue(current[f]) !== normalizeValue(item.props[f]),
    );
    if (changed.length > 0) {
      const props: Record<string, string> = {};
      for (const f of changed) props[f] = item.props[f] ?? '';
      changes.push({ op: 'set', key: item.key, id: current['.id'] ?? '', props, changed, ...refs });
    }
    // A copy of our entry (an operator duplicated it) would shadow the real one.
    for (const extra of rows.slice(1)) {
      changes.push({
        op: 'remove',
        key: item.key,
        id: extra['.id'] ?? '',
        props: {},
        changed: [],
        ...refs,
      });
    }
  }
  for (const [key, rows] of owned) {
    if (wanted.has(key)) continue;
    for (const row of rows)
      changes.push({ op: 'remove', key, id: row['.id'] ?? '', props: {}, changed: [] });
  }
  return { changes, conflicts };
}
