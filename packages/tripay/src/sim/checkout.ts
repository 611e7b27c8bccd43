import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimCore } from './core.ts';
import { escapeHtml, formatRupiah, readBody, sendText } from './http.ts';
import { isAction, SimStateError } from './store.ts';
import type { SimAction, SimTransaction } from './store.ts';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f9;color:#1c2430;margin:0}
main{max-width:28rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem 2rem;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:1.25rem;margin:0 0 .25rem}
.note{color:#7a8494;font-size:.85rem;margin:0 0 1rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem;margin:0 0 1.5rem}
dt{color:#7a8494}dd{margin:0;font-weight:600;word-break:break-all}
.code{font-family:ui-monospace,Menlo,Consolas,monospace}
form{display:flex;gap:.5rem}
button{flex:1;border:0;border-radius:8px;padding:.7rem;font-size:1rem;cursor:pointer;color:#fff}
.pay{background:#1b8f4c}.fail{background:#c0392b}.expire{background:#6b7280}
.status{padding:.8rem;border-radius:8px;background:#eef2f7;text-align:center;font-weight:600}
`;

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tripay Simulator</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="note">Tripay Simulator: no real money moves.</p>
${content}
</main>
</body>
</html>
`;
}

function row(label: string, value: string, code = false): string {
  return `<dt>${escapeHtml(label)}</dt><dd${code ? ' class="code"' : ''}>${escapeHtml(value)}</dd>`;
}

function checkoutPage(tx: SimTransaction): string {
  const rows = [
    row('Reference', tx.reference, true),
    row('Merchant ref', tx.merchantRef, true),
    row('Channel', `${tx.methodName} (${tx.method})`),
  ];
  if (tx.payCode !== null) rows.push(row('Pay code', tx.payCode, true));
  if (tx.qrString !== null) rows.push(row('QR string', tx.qrString, true));
  rows.push(
    row('Amount', formatRupiah(tx.total)),
    row('Status', tx.status),
    row('Expires', new Date(tx.expiredTime * 1000).toISOString()),
  );
  const action = `/checkout/${encodeURIComponent(tx.reference)}`;
  const buttons =
    tx.status === 'UNPAID'
      ? `<form method="post" action="${escapeHtml(action)}">
<button type="submit" class="pay" name="action" value="pay">Pay</button>
<button type="submit" class="fail" name="action" value="fail">Fail</button>
<button type="submit" class="expire" name="action" value="expire">Expire</button>
</form>`
      : `<p class="status">This transaction is ${escapeHtml(tx.status)}.</p>`;
  return page('Checkout', `<dl>${rows.join('\n')}</dl>\n${buttons}`);
}

const OUTCOMES: Readonly<Record<Exclude<SimAction, 'refund'>, string>> = {
  pay: 'Payment successful',
  fail: 'Payment failed',
  expire: 'Payment expired',
};

const HTML = 'text/html; charset=utf-8';

/** `GET /checkout/:reference` shows the payment page; `POST` applies the chosen button. */
export async function handleCheckout(
  core: SimCore,
  req: IncomingMessage,
  res: ServerResponse,
  reference: string,
): Promise<void> {
  const tx = core.store.get(reference);
  if (!tx || tx.reference !== reference) {
    sendText(res, 404, HTML, page('Transaction not found', `<p>${escapeHtml(reference)}</p>`));
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    sendText(res, 200, HTML, checkoutPage(tx));
    return;
  }
  if (req.method !== 'POST') {
    sendText(res, 405, 'text/plain', 'Method Not Allowed', { allow: 'GET, POST' });
    return;
  }
  const action = new URLSearchParams((await readBody(req)).toString('utf8')).get('action') ?? '';
  if (!isAction(action) || action === 'refund') {
    sendText(res, 400, HTML, page('Unknown action', `<p>${escapeHtml(action)}</p>`));
    return;
  }
  try {
    await core.act(tx.reference, action);
  } catch (err) {
    if (!(err instanceof SimStateError)) throw err;
    sendText(
      res,
      409,
      HTML,
      page('Not possible', `<p class="status">${escapeHtml(err.message)}</p>`),
    );
    return;
  }
  if (tx.returnUrl !== null) {
    res.writeHead(303, { location: tx.returnUrl, 'content-length': 0 });
    res.end();
    return;
  }
  const outcome = OUTCOMES[action];
  sendText(res, 200, HTML, page(outcome, `<p class="status">${escapeHtml(outcome)}</p>`));
}
