/** A row of attributes as the router sends them: all values are strings. */
export type Row = Record<string, string>;

/** One decoded reply sentence. */
export interface Reply {
  /** `!re`, `!done`, `!trap`, `!fatal`, `!empty`, or anything a future version adds. */
  readonly type: string;
  readonly tag: string | undefined;
  readonly attributes: Row;
  /** Words that are not `=key=value` or `.tag=`: the reason of `!fatal`, for instance. */
  readonly bare: string[];
}

/**
 * Splits reply words into type, tag and attributes. `.tag` may stand anywhere in the sentence.
 * An attribute value may itself contain `=`; only the first `=` after the key splits.
 */
export function parseReply(words: readonly string[]): Reply {
  const type = words[0] ?? '';
  let tag: string | undefined;
  const attributes: Row = {};
  const bare: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as string;
    if (w.charCodeAt(0) === 0x3d /* = */) {
      const eq = w.indexOf('=', 1);
      if (eq < 0) attributes[w.slice(1)] = '';
      else attributes[w.slice(1, eq)] = w.slice(eq + 1);
    } else if (w.startsWith('.tag=')) {
      tag = w.slice(5);
    } else {
      bare.push(w);
    }
  }
  return { type, tag, attributes, bare };
}
