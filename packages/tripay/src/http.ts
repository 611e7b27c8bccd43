import { TripayError } from './errors.ts';
import type { TripayErrorCode } from './errors.ts';
import { isRecord } from './fields.ts';
import type { GatewayCallRecord } from './types.ts';

export interface HttpSettings {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  onCall: ((call: GatewayCallRecord) => void) | undefined;
}

export interface ApiRequest {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
}

/** Longest non-JSON response text kept for logs and errors (an HTML error page, say). */
const MAX_TEXT = 2000;

function redact(body: Record<string, unknown> | undefined): unknown {
  if (body === undefined) return undefined;
  return 'signature' in body ? { ...body, signature: '[redacted]' } : body;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}...` : text;
  }
}

function httpErrorCode(status: number): { code: TripayErrorCode; retryable: boolean } {
  if (status === 401) return { code: 'unauthorized', retryable: false };
  if (status === 404) return { code: 'not_found', retryable: false };
  if (status === 429) return { code: 'rate_limited', retryable: true };
  if (status >= 500) return { code: 'server', retryable: true };
  return { code: 'rejected', retryable: false };
}

function failureOf(err: unknown, timeoutMs: number): TripayError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new TripayError(`Tripay did not answer within ${timeoutMs} ms`, {
      httpStatus: null,
      code: 'timeout',
      retryable: true,
      cause: err,
    });
  }
  // fetch reports refused/reset/DNS failures as a TypeError whose cause holds the detail.
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new TripayError(`cannot reach Tripay: ${detail}`, {
    httpStatus: null,
    code: 'network',
    retryable: true,
    cause: err,
  });
}

/**
 * One call to the Tripay API: Bearer auth, JSON, a deadline covering the whole exchange, and
 * one integration-log record per call whatever the outcome. Resolves to the envelope's `data`.
 */
export async function callTripay(settings: HttpSettings, req: ApiRequest): Promise<unknown> {
  const url = new URL(req.path, settings.baseUrl);
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = {
    authorization: `Bearer ${settings.apiKey}`,
    accept: 'application/json',
  };
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  const record = (call: Omit<GatewayCallRecord, 'method' | 'url' | 'operation'>): void => {
    if (!settings.onCall) return;
    try {
      settings.onCall({
        method: req.method,
        url: url.toString(),
        operation: req.operation,
        ...(req.body === undefined ? {} : { requestBody: redact(req.body) }),
        ...call,
      });
    } catch {
      // Logging must never turn a payment call into a failure.
    }
  };
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;

  let status: number;
  let text: string;
  try {
    // One signal for request and body: a server that stalls mid-body still hits the deadline.
    const res = await fetch(url, {
      method: req.method,
      headers,
      ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    const failure = failureOf(err, settings.timeoutMs);
    record({ status: null, durationMs: elapsed(), error: failure.message });
    throw failure;
  }

  const body = parseBody(text);
  const envelope = isRecord(body) ? body : undefined;
  const message = typeof envelope?.['message'] === 'string' ? envelope['message'] : '';
  let failure: TripayError | undefined;
  if (status < 200 || status >= 300) {
    failure = new TripayError(message || `Tripay answered HTTP ${status}`, {
      httpStatus: status,
      ...httpErrorCode(status),
      body,
    });
  } else if (envelope === undefined || typeof envelope['success'] !== 'boolean') {
    failure = new TripayError('Tripay answered without its JSON envelope', {
      httpStatus: status,
      code: 'invalid_response',
      retryable: false,
      body,
    });
  } else if (!envelope['success']) {
    failure = new TripayError(message || 'Tripay refused the request', {
      httpStatus: status,
      code: 'rejected',
      retryable: false,
      body,
    });
  }
  record({
    status,
    durationMs: elapsed(),
    ...(failure ? { error: failure.message } : {}),
    responseBody: body,
  });
  if (failure) throw failure;
  return envelope?.['data'];
}
