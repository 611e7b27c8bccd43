import type { Download, Locator, Page } from 'playwright-core';

export interface FetchedFile {
  status: number;
  contentType: string;
  /** The saved file when the browser downloaded it, else the response body. */
  bytes: Buffer;
  /** True when the browser saved the file (a `download` link or an attachment). */
  downloaded: boolean;
}

async function readDownload(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Clicks a link to a file (PDF, CSV, receipt) and returns what the server answered and what the
 * browser got, whether it saves the file, opens it in a new tab or navigates to it. A file shown
 * in a tab passes through a route so its real headers and body are seen (Chromium swaps a PDF's
 * reported body for its viewer's page); a saved download is read from disk.
 */
export async function clickForFile(
  page: Page,
  link: Locator,
  urlPart: string,
): Promise<FetchedFile> {
  const context = page.context();
  const before = new Set(context.pages());
  const expectDownload = (await link.getAttribute('download')) !== null;
  let answer: { status: number; contentType: string; body: Buffer } | null = null;
  const matcher = (url: URL): boolean => url.pathname.includes(urlPart);
  await context.route(matcher, async (route) => {
    const response = await route.fetch();
    answer = {
      status: response.status(),
      contentType: response.headers()['content-type'] ?? '',
      body: await response.body(),
    };
    await route.fulfill({ response });
  });
  try {
    const download = expectDownload ? page.waitForEvent('download', { timeout: 20_000 }) : null;
    await link.click();
    const file = download ? await download : null;
    const saved = file ? await readDownload(file) : null;
    if (file && saved) {
      // Chromium hands a saved download to its download manager: neither routes nor response
      // events see it. Ask the same URL with the same session for the headers it is served with.
      const again = await context.request.get(file.url());
      return {
        status: again.status(),
        contentType: again.headers()['content-type'] ?? '',
        bytes: saved,
        downloaded: true,
      };
    }
    const deadline = Date.now() + 20_000;
    while (answer === null && Date.now() < deadline) await page.waitForTimeout(50);
    const routed = answer as { status: number; contentType: string; body: Buffer } | null;
    if (!routed) throw new Error(`no response for ${urlPart} after the click`);
    return { ...routed, bytes: routed.body, downloaded: false };
  } finally {
    await context.unroute(matcher);
    // A file opened in a new tab leaves that tab behind; close it so the journey stays put.
    for (const other of context.pages()) if (!before.has(other)) await other.close();
  }
}
