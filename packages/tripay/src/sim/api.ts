import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { timingSafeEqual } from 'node:crypto';
import { isRecord, toInteger } from '../fields.ts';
import { transactionSignature } from '../signature.ts';
import { channelView, feeSettingsView } from './channels.ts';
import type { SimChannel } from './channels.ts';
import { computeFee } from './fees.ts';
import type { SimCore } from './core.ts';
import { HttpFailure, readBody, sendData, sendFailure } from './http.ts';
import { nowSeconds } from './store.ts';
import type { SimOrderItem } from './store.ts';
import { transactionView } from './views.ts';

function authorised(req: IncomingMessage, apiKey: string): boolean {
  const given = Buffer.from(req.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${apiKey}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function selectedChannels(core: SimCore, code: string | null): SimChannel[] {
  const all = [...core.channels.values()];
  return code === null ? all : all.filter((ch) => ch.code === code);
}

function feeCalculator(core: SimCore, url: URL): unknown[] {
  const amount = toInteger(url.searchParams.get('amount') ?? '');
  if (amount === undefined || amount <= 0n) throw new HttpFailure(400, 'Invalid amount');
  return selectedChannels(core, url.searchParams.get('code')).map((ch) => {
    const bounds = { minimumFee: ch.minimumFee ?? null, maximumFee: ch.maximumFee ?? null };
    return {
      code: ch.code,
      name: ch.name,
      fee: feeSettingsView(ch),
      total_fee: {
        merchant: computeFee(amount, ch.feeMerchant, bounds),
        customer: computeFee(amount, ch.feeCustomer, bounds),
      },
    };
  });
}

/** Laravel's wording, which Tripay's validation errors use. */
function required(field: string): HttpFailure {
  return new HttpFailure(400, `The ${field.replaceAll('_', ' ')} field is required.`);
}

function text(body: Record<string, unknown>, field: string, max = 255): string {
  const v = body[field];
  if (typeof v !== 'string' || v.trim() === '') throw required(field);
  if (v.length > max) {
    throw new HttpFailure(
      400,
      `The ${field.replaceAll('_', ' ')} may not be greater than ${max} characters.`,
    );
  }
  return v;
}

function optionalUrl(body: Record<string, unknown>, field: string): string | null {
  const v = body[field];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || !URL.canParse(v)) {
    throw new HttpFailure(400, `The ${field.replaceAll('_', ' ')} format is invalid.`);
  }
  return v;
}

function orderItems(body: Record<string, unknown>): SimOrderItem[] {
  const items = body['order_items'];
  if (!Array.isArray(items) || items.length === 0) throw required('order_items');
  return items.map((item: unknown, i) => {
    if (!isRecord(item)) throw new HttpFailure(400, `Invalid order item #${i + 1}`);
    const name = item['name'];
    const price = toInteger(item['price']);
    const quantity = item['quantity'];
    if (typeof name !== 'string' || name === '') throw required(`order_items.${i}.name`);
    if (price === undefined || price < 0n) {
      throw new HttpFailure(400, `The order_items.${i}.price must be an integer.`);
    }
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity <= 0) {
      throw new HttpFailure(400, `The order_items.${i}.quantity must be a positive integer.`);
    }
    const sku = item['sku'];
    return { sku: typeof sku === 'string' ? sku : null, name, price, quantity };
  });
}

function signatureMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function createTransaction(
  core: SimCore,
  req: IncomingMessage,
  sandbox: boolean,
): Promise<unknown> {
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req)).toString('utf8'));
  } catch (err) {
    if (err instanceof HttpFailure) throw err;
    throw new HttpFailure(400, 'Invalid JSON body');
  }
  if (!isRecord(body)) throw new HttpFailure(400, 'Invalid JSON body');
  const method = text(body, 'method');
  const merchantRef = text(body, 'merchant_ref', 64);
  const amount = toInteger(body['amount']);
  if (amount === undefined) throw required('amount');
  const customerName = text(body, 'customer_name');
  const customerEmail = text(body, 'customer_email');
  const phone = body['customer_phone'];
  const items = orderItems(body);
  const signature = body['signature'];
  if (typeof signature !== 'string' || signature === '') throw required('signature');
  const expected = transactionSignature(core.privateKey, core.merchantCode, merchantRef, amount);
  if (!signatureMatches(signature, expected)) throw new HttpFailure(400, 'Invalid signature');

  const channel = core.channels.get(method);
  if (!channel) throw new HttpFailure(400, `Payment channel ${method} not found`);
  if (channel.active === false)
    throw new HttpFailure(400, `Payment channel ${method} is not active`);
  if (amount <= 0n) throw new HttpFailure(400, 'Amount must be greater than zero');
  if (channel.minimumAmount !== undefined && amount < BigInt(channel.minimumAmount)) {
    throw new HttpFailure(400, `Minimum amount for ${method} is ${channel.minimumAmount}`);
  }
  if (channel.maximumAmount !== undefined && amount > BigInt(channel.maximumAmount)) {
    throw new HttpFailure(400, `Maximum amount for ${method} is ${channel.maximumAmount}`);
  }
  const sum = items.reduce((acc, i) => acc + i.price * BigInt(i.quantity), 0n);
  if (sum !== amount) {
    throw new HttpFailure(400, 'The total price of order items does not match the amount');
  }
  if (core.store.hasUnpaid(merchantRef)) {
    throw new HttpFailure(
      400,
      `Duplicate merchant_ref ${merchantRef}: an unpaid transaction exists`,
    );
  }
  const now = nowSeconds();
  let expiredTime = now + 24 * 60 * 60;
  if (body['expired_time'] !== undefined && body['expired_time'] !== null) {
    const t = toInteger(body['expired_time']);
    if (t === undefined || t <= BigInt(now)) {
      throw new HttpFailure(400, 'The expired time must be a unix timestamp in the future.');
    }
    expiredTime = Number(t);
  }
  const tx = core.store.create({
    channel,
    merchantRef,
    amount,
    customerName,
    customerEmail,
    customerPhone: typeof phone === 'string' && phone !== '' ? phone : null,
    orderItems: items,
    callbackUrl: optionalUrl(body, 'callback_url'),
    returnUrl: optionalUrl(body, 'return_url'),
    expiredTime,
    sandbox,
  });
  return transactionView(tx);
}

/**
 * The merchant API under `/api-sandbox/` and `/api/`: the same endpoints, status codes and
 * envelope Tripay uses. `route` is the path after the API root.
 */
export async function handleApi(
  core: SimCore,
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  sandbox: boolean,
  url: URL,
): Promise<void> {
  if (core.latencyMs > 0) await sleep(core.latencyMs);
  if (!authorised(req, core.apiKey)) {
    sendFailure(res, 401, 'Invalid API key');
    return;
  }
  const key = `${req.method ?? 'GET'} ${route}`;
  switch (key) {
    case 'GET merchant/payment-channel':
      sendData(
        res,
        selectedChannels(core, url.searchParams.get('code')).map((ch) =>
          channelView(ch, core.siteUrl),
        ),
      );
      return;
    case 'GET merchant/fee-calculator':
      sendData(res, feeCalculator(core, url));
      return;
    case 'POST transaction/create':
      sendData(res, await createTransaction(core, req, sandbox));
      return;
    case 'GET transaction/detail': {
      const tx = core.store.get(url.searchParams.get('reference') ?? '');
      // Only a Tripay reference finds a transaction here, never a merchant_ref.
      if (!tx || tx.reference !== url.searchParams.get('reference')) {
        sendFailure(res, 404, 'Transaksi tidak ditemukan');
        return;
      }
      sendData(res, transactionView(tx));
      return;
    }
    default:
      sendFailure(res, 404, 'Endpoint not found');
  }
}
