import { channelName } from './channels.ts';
import type { SimTransaction } from './model.ts';

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** `Rp 1.250.000`, grouped the Indonesian way without depending on ICU data. */
export function formatRupiah(amount: bigint): string {
  return `Rp ${amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;padding:2rem}
main{max-width:28rem;margin:auto;background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.2rem;margin-top:0}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}
dt{color:#555}dd{margin:0;font-weight:600}select,button{font:inherit;padding:.5rem;margin:.25rem 0}
select{width:100%}.actions{display:flex;gap:.5rem;margin-top:1rem}button{flex:1;cursor:pointer}
.note{color:#666;font-size:.85rem}`;

function layout(heading: string, content: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Midtrans Simulator</title><style>${STYLE}</style></head>
<body><main><h1>${esc(heading)}</h1>${content}</main></body></html>`;
}

function summary(t: SimTransaction): string {
  const items = t.items
    .map((i) => `<li>${esc(i.name)} &times; ${i.quantity}: ${formatRupiah(BigInt(i.price))}</li>`)
    .join('');
  return `<dl><dt>Order ID</dt><dd id="order-id">${esc(t.orderId)}</dd>
<dt>Amount</dt><dd id="amount">${formatRupiah(t.grossAmount)}</dd></dl>${items ? `<ul>${items}</ul>` : ''}`;
}

/** The Snap payment page: pick a channel, then pay, fail or let it expire. */
export function paymentPage(t: SimTransaction, channels: readonly string[]): string {
  const options = channels
    .map(
      (c) =>
        `<option value="${esc(c)}"${c === t.channel ? ' selected' : ''}>${esc(channelName(c))}</option>`,
    )
    .join('');
  const locked = t.channel !== undefined ? ' disabled' : '';
  return layout(
    'Midtrans Simulator',
    `${summary(t)}
<form method="post">
<label for="channel">Payment channel</label>
<select id="channel" name="channel"${locked}>${options}</select>
<div class="actions">
<button type="submit" name="action" value="pay">Pay</button>
<button type="submit" name="action" value="fail">Fail</button>
<button type="submit" name="action" value="expire">Expire</button>
</div></form>
<p class="note">Simulated payment page: no money moves.</p>`,
  );
}

const OUTCOMES: Readonly<Record<string, string>> = {
  settlement: 'Payment successful',
  capture: 'Payment successful',
  deny: 'Payment failed',
  cancel: 'Payment failed',
  expire: 'Payment expired',
  refund: 'Payment refunded',
  partial_refund: 'Payment partially refunded',
};

/** What the customer sees after acting, when the merchant gave no finish URL. */
export function resultPage(t: SimTransaction): string {
  const heading =
    t.status === 'capture' && t.fraudStatus === 'challenge'
      ? 'Payment under review'
      : (OUTCOMES[t.status] ?? 'Payment pending');
  return layout(
    heading,
    `${summary(t)}<p>Status: <strong id="status">${esc(t.status)}</strong></p>`,
  );
}

export function messagePage(heading: string, message: string): string {
  return layout(heading, `<p>${esc(message)}</p>`);
}
