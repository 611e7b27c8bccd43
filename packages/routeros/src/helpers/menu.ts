import type { Transport } from '../command.ts';
import type { Query, Scalar } from '../query.ts';
import type { Row } from '../reply.ts';

/** How a field's string value is typed: `string`, `bool` (`yes`/`true`), `int`. */
export type FieldKind = 'string' | 'bool' | 'int';

/** Field spec of a menu: camelCase name -> kind. Names map to kebab-case on the wire. */
export type FieldSpec = Readonly<Record<string, FieldKind>>;

type KindType<K extends FieldKind> = K extends 'bool' ? boolean : K extends 'int' ? number : string;

/** A typed row: `id` plus every field (absent when the router did not print it). */
export type Entity<S extends FieldSpec> = { readonly id: string } & {
  readonly [K in keyof S]?: KindType<S[K]>;
};

/** Values accepted by `add`/`update`/`where`. */
export type Input<S extends FieldSpec> = { readonly [K in keyof S]?: KindType<S[K]> };

/** `localAddress` -> `local-address`. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function parseValue(kind: FieldKind, v: string): string | number | boolean {
  if (kind === 'bool') return v === 'true' || v === 'yes';
  if (kind === 'int') return Number(v);
  return v;
}

/**
 * Typed access to one menu over any {@link Transport} (API connection, client, pool or REST).
 * Field names are camelCase in code and kebab-case on the wire; booleans and integers are
 * converted both ways.
 */
export class Menu<S extends FieldSpec> {
  readonly path: string;
  readonly #t: Transport;
  readonly #spec: S;
  readonly #wire: Map<string, [keyof S & string, FieldKind]>;

  constructor(transport: Transport, path: string, spec: S) {
    this.#t = transport;
    this.path = path;
    this.#spec = spec;
    this.#wire = new Map(Object.entries(spec).map(([k, kind]) => [kebab(k), [k, kind]]));
  }

  /** Converts a wire row to a typed entity; unknown properties are dropped. */
  parse(row: Row): Entity<S> {
    const out: Record<string, unknown> = { id: row['.id'] ?? '' };
    for (const [key, value] of Object.entries(row)) {
      const f = this.#wire.get(key);
      if (f) out[f[0]] = parseValue(f[1], value);
    }
    return out as Entity<S>;
  }

  #attrs(values: Input<S>): Record<string, Scalar> {
    const out: Record<string, Scalar> = {};
    for (const [k, v] of Object.entries(values) as [string, Scalar | undefined][]) {
      if (v === undefined) continue;
      if (!(k in this.#spec)) throw new RangeError(`${this.path}: unknown field ${k}`);
      out[kebab(k)] = v;
    }
    return out;
  }

  #where(where: Input<S> | Query | undefined): Query | Record<string, Scalar> | undefined {
    if (where === undefined) return undefined;
    if (typeof (where as { op?: unknown }).op === 'string') return where as Query;
    return this.#attrs(where as Input<S>);
  }

  /** Rows matching `where` (typed values, or a raw {@link Query} with wire names). */
  async list(
    where?: Input<S> | Query,
    options: { fields?: readonly (keyof S & string)[] } = {},
  ): Promise<Entity<S>[]> {
    const w = this.#where(where);
    const r = await this.#t.exec({
      command: `${this.path}/print`,
      ...(w !== undefined ? { where: w } : {}),
      ...(options.fields ? { proplist: ['.id', ...options.fields.map(kebab)] } : {}),
    });
    return r.rows.map((row) => this.parse(row));
  }

  /** The first row matching `where`, if any. */
  async find(where: Input<S> | Query): Promise<Entity<S> | undefined> {
    return (await this.list(where))[0];
  }

  /** The row with this `.id`, if it exists. */
  async get(id: string): Promise<Entity<S> | undefined> {
    return this.find({ op: 'eq', key: '.id', value: id });
  }

  /** Number of rows matching `where` (`count-only`, no rows transferred). */
  async count(where?: Input<S> | Query): Promise<number> {
    const w = this.#where(where);
    const r = await this.#t.exec({
      command: `${this.path}/print`,
      attributes: { 'count-only': '' },
      ...(w !== undefined ? { where: w } : {}),
    });
    return Number(r.ret ?? 0);
  }

  /** Adds a row; resolves to its new `.id`. */
  async add(values: Input<S>): Promise<string> {
    const r = await this.#t.exec({ command: `${this.path}/add`, attributes: this.#attrs(values) });
    return r.ret ?? '';
  }

  /** Changes fields of one or more rows (ids, or names where the menu has a name). */
  async update(id: string | readonly string[], values: Input<S>): Promise<void> {
    await this.#t.exec({
      command: `${this.path}/set`,
      attributes: { '.id': ids(id), ...this.#attrs(values) },
    });
  }

  async remove(id: string | readonly string[]): Promise<void> {
    await this.#t.exec({ command: `${this.path}/remove`, attributes: { '.id': ids(id) } });
  }

  async enable(id: string | readonly string[]): Promise<void> {
    await this.#t.exec({ command: `${this.path}/enable`, attributes: { '.id': ids(id) } });
  }

  async disable(id: string | readonly string[]): Promise<void> {
    await this.#t.exec({ command: `${this.path}/disable`, attributes: { '.id': ids(id) } });
  }
}

function ids(id: string | readonly string[]): string {
  return typeof id === 'string' ? id : id.join(',');
}
