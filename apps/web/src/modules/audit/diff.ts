export interface DiffRow {
  path: string;
  before: string | undefined;
  after: string | undefined;
  change: 'added' | 'removed' | 'changed' | 'same';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens nested objects into dotted paths; arrays and scalars stay whole values. */
function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) into.set(prefix, '{}');
    for (const key of keys) flatten(value[key], prefix ? `${prefix}.${key}` : key, into);
    return;
  }
  if (value === undefined || (value === null && !prefix)) return;
  into.set(prefix || '(value)', JSON.stringify(value));
}

/** A field-by-field comparison of an audit entry's before and after snapshots. */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const left = new Map<string, string>();
  const right = new Map<string, string>();
  flatten(before, '', left);
  flatten(after, '', right);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  return paths.map((path) => {
    const b = left.get(path);
    const a = right.get(path);
    const change =
      b === undefined ? 'added' : a === undefined ? 'removed' : a === b ? 'same' : 'changed';
    return { path, before: b, after: a, change };
  });
}
