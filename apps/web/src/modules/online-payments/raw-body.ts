/** A raw body as received, indented for reading when it is JSON. */
export interface RawBodyText {
  text: string;
  json: boolean;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Re-indents JSON text token by token instead of parse-and-stringify, so every value reads
 * exactly as the gateway wrote it (`150000.00` stays, a 17-digit number is not rounded).
 */
export function indentJson(text: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  const pad = (level: number): string => `\n${'  '.repeat(level)}`;
  for (const ch of text) {
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '{' || ch === '[') {
      depth += 1;
      out += ch + pad(depth);
    } else if (ch === '}' || ch === ']') {
      const open = ch === '}' ? '{' : '[';
      const emptyOpen = open + pad(depth);
      depth -= 1;
      out = out.endsWith(emptyOpen)
        ? out.slice(0, -emptyOpen.length) + open + ch
        : out + pad(depth) + ch;
    } else if (ch === ',') {
      out += ch + pad(depth);
    } else if (ch === ':') {
      out += ': ';
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out;
}

export function prettyBody(body: string): RawBodyText {
  const trimmed = body.trim();
  if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && isJson(trimmed)) {
    return { text: indentJson(trimmed), json: true };
  }
  // Not JSON (a form body, a truncated or forged one): shown exactly as it came.
  return { text: body, json: false };
}
