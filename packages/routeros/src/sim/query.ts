/**
 * Evaluates `print` query words against a row, the way RouterOS does: each leaf pushes a
 * boolean, `?#` operations work on that stack, and whatever remains is ANDed (empty = true).
 */

/** Compares a row value with a query value; menus supply one that knows booleans and ids. */
export type ValueCompare = (key: string, rowValue: string, queryValue: string) => number;

export const defaultCompare: ValueCompare = (_key, a, b) => {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
};

function toNumber(v: string): number | undefined {
  if (/^\*[0-9A-Fa-f]+$/.test(v)) return parseInt(v.slice(1), 16);
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

/** Thrown for query words the router would reject. */
export class QueryError extends Error {}

type Step = (row: Readonly<Record<string, string>>, stack: boolean[]) => void;

function splitKeyValue(s: string): [string, string | undefined] {
  const eq = s.indexOf('=');
  return eq < 0 ? [s, undefined] : [s.slice(0, eq), s.slice(eq + 1)];
}

function pop(stack: boolean[]): boolean {
  // Popping an empty stack yields true, which is what an empty condition means.
  return stack.length > 0 ? (stack.pop() as boolean) : true;
}

function compileOps(ops: string): Step {
  return (_row, stack) => {
    let i = 0;
    while (i < ops.length) {
      const c = ops[i] as string;
      if (c >= '0' && c <= '9') {
        let j = i;
        while (j < ops.length && (ops[j] as string) >= '0' && (ops[j] as string) <= '9') j++;
        const idx = Number(ops.slice(i, j));
        stack.push(stack[idx] ?? true);
        i = j;
        continue;
      }
      switch (c) {
        case '!':
          stack.push(!pop(stack));
          break;
        case '&': {
          const b = pop(stack);
          const a = pop(stack);
          stack.push(a && b);
          break;
        }
        case '|': {
          const b = pop(stack);
          const a = pop(stack);
          stack.push(a || b);
          break;
        }
        case '.':
          stack.push(stack.length > 0 ? (stack[stack.length - 1] as boolean) : true);
          break;
        default:
          throw new QueryError(`unknown query operation '${c}'`);
      }
      i++;
    }
  };
}

/** Compiles query words (each starting with `?`) to a row predicate. */
export function compileQuery(
  words: readonly string[],
  compare: ValueCompare = defaultCompare,
): (row: Readonly<Record<string, string>>) => boolean {
  if (words.length === 0) return () => true;
  const steps: Step[] = words.map((word): Step => {
    const body = word.slice(1);
    if (body.startsWith('#')) return compileOps(body.slice(1));
    if (body.startsWith('-')) {
      const key = body.slice(1);
      return (row, stack) => void stack.push(row[key] === undefined);
    }
    if (body.startsWith('<') || body.startsWith('>')) {
      const sign = body.startsWith('<') ? -1 : 1;
      const [key, value] = splitKeyValue(body.slice(1));
      const v = value ?? '';
      return (row, stack) => {
        const have = row[key];
        stack.push(have !== undefined && Math.sign(compare(key, have, v)) === sign);
      };
    }
    const [rawKey, value] = splitKeyValue(body.startsWith('=') ? body.slice(1) : body);
    if (value === undefined) return (row, stack) => void stack.push(row[rawKey] !== undefined);
    return (row, stack) => {
      const have = row[rawKey] ?? '';
      stack.push(compare(rawKey, have, value) === 0);
    };
  });
  return (row) => {
    const stack: boolean[] = [];
    for (const s of steps) s(row, stack);
    return stack.every(Boolean);
  };
}
