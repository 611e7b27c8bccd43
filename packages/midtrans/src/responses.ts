import { MidtransError } from './errors.ts';
import { readTransaction } from './transaction.ts';
import type { MidtransOperation, MidtransTransaction } from './types.ts';
import { isRecord } from './validate.ts';

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

function describe(body: unknown): string {
  if (isRecord(body)) {
    const parts = [
      ...(typeof body['status_message'] === 'string' ? [body['status_message']] : []),
      ...strings(body['validation_messages']),
      ...strings(body['error_messages']),
    ];
    if (parts.length > 0) return parts.join('; ');
  }
  if (typeof body === 'string' && body !== '') return body.slice(0, 200);
  return 'no details';
}

function failure(
  operation: MidtransOperation,
  httpStatus: number,
  code: string,
  body: unknown,
): MidtransError {
  const numeric = Number(code);
  // A 200 carrying status_code 500 is as transient as an HTTP 500.
  const effective = httpStatus >= 300 || !Number.isInteger(numeric) ? httpStatus : numeric;
  return new MidtransError(`Midtrans ${operation} failed (${code}): ${describe(body)}`, {
    httpStatus,
    code,
    retryable: isRetryableStatus(effective),
    body,
  });
}

function invalid(operation: MidtransOperation, httpStatus: number, body: unknown): MidtransError {
  return new MidtransError(`Midtrans ${operation}: unexpected answer (HTTP ${httpStatus})`, {
    httpStatus,
    code: 'invalid_response',
    retryable: false,
    body,
  });
}

/** Snap answers 201 `{token, redirect_url}`, or an HTTP error with `error_messages`. */
export function interpretSnap(
  status: number,
  body: unknown,
): { token: string; redirectUrl: string } {
  if (status >= 200 && status < 300) {
    if (
      isRecord(body) &&
      typeof body['token'] === 'string' &&
      typeof body['redirect_url'] === 'string'
    )
      return { token: body['token'], redirectUrl: body['redirect_url'] };
    throw invalid('snap.create', status, body);
  }
  throw failure('snap.create', status, String(status), body);
}

/**
 * The Core API reports errors either as HTTP errors or as HTTP 200 with a `status_code` of 300
 * or more in the body, depending on endpoint and API version. A body describing a transaction
 * is a result even with `407` (an expired transaction) or `202` (a denied one).
 */
function transactionOrError(
  operation: MidtransOperation,
  status: number,
  body: unknown,
): MidtransTransaction {
  const code = isRecord(body) && typeof body['status_code'] === 'string' ? body['status_code'] : '';
  if (status >= 200 && status < 300) {
    const t = readTransaction(body);
    if (t !== undefined && (Number(code) < 300 || code === '407')) return t;
    if (code !== '' && Number(code) >= 300) throw failure(operation, status, code, body);
    throw invalid(operation, status, body);
  }
  throw failure(operation, status, code === '' ? String(status) : code, body);
}

export function interpretCore(
  operation: MidtransOperation,
): (status: number, body: unknown) => MidtransTransaction {
  return (status, body) => transactionOrError(operation, status, body);
}

/** Like {@link interpretCore}, with Midtrans's "Transaction doesn't exist" as null. */
export function interpretStatus(status: number, body: unknown): MidtransTransaction | null {
  if (isRecord(body) && body['status_code'] === '404') return null;
  return transactionOrError('status', status, body);
}
