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
