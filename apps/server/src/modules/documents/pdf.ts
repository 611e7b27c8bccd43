import PDFDocument from 'pdfkit';

export type Pdf = PDFKit.PDFDocument;

export interface PdfOptions {
  /** Off only for tests that read the content streams as they are. */
  compress?: boolean;
}

/**
 * A document whose bytes depend only on its content: the creation date comes from the record
 * being printed (pdfkit derives the file ID from the info dictionary, so that is fixed too).
 */
export function newPdf(
  createdAt: Date,
  title: string,
  size: [number, number] | 'A4',
  margin: number,
  options: PdfOptions,
): Pdf {
  return new PDFDocument({
    size,
    margin,
    compress: options.compress ?? true,
    info: { Title: title, Creator: 'Jaring', Producer: 'Jaring', CreationDate: createdAt },
  });
}

/** Ends the document and collects its bytes. */
export async function pdfBuffer(doc: Pdf): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.end();
  return done;
}

/** The image bytes of a `data:image/png|jpeg;base64,...` URL, or undefined. */
export function dataUrlImage(dataUrl: string | null): Buffer | undefined {
  const m = dataUrl ? /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl) : null;
  return m?.[2] ? Buffer.from(m[2], 'base64') : undefined;
}

/** Characters of WinAnsiEncoding beyond Latin-1: what the standard PDF fonts can show. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function winAnsiChar(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c);
}

/** Letters with no Unicode decomposition but an obvious Latin base. */
const BASE_LETTER: Readonly<Record<string, string>> = { Đ: 'D', đ: 'd', Ł: 'L', ł: 'l', ı: 'i' };

/**
 * Text the standard fonts can draw: line breaks kept, accents dropped where the accented letter
 * is not in WinAnsi (`Đặng` -> `Dang`), anything else shown as `?` instead of a wrong glyph.
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const c of text) {
    if (c === '\n' || winAnsiChar(c)) out += c;
    else if (BASE_LETTER[c]) out += BASE_LETTER[c];
    else {
      const base = c.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every(winAnsiChar) ? base : '?';
    }
  }
  return out;
}

/** Every string in a value passed through `pdfSafe` (dates, bigints and buffers untouched). */
export function pdfSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return pdfSafe(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => pdfSafeDeep(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pdfSafeDeep(v)])) as T;
  }
  return value;
}
