import { MidtransError } from './errors.ts';
import type { GatewayCallRecord, MidtransOperation } from './types.ts';

const RECORDED_TEXT_MAX = 4096;

export interface HttpContext {
  readonly authorization: string;
  readonly timeoutMs: number;
  readonly onCall: ((call: GatewayCallRecord) => void) | undefined;
}

export interface CallSpec<T> {
  readonly operation: MidtransOperation;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body?: unknown;
  readonly notificationUrl?: string | undefined;
  /** Turns the answer into a result, or throws the matching {@link MidtransError}. */
  readonly interpret: (status: number, body: unknown) => T;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function transportError(err: unknown, spec: CallSpec<unknown>, timeoutMs: number): MidtransError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new MidtransError(`Midtrans ${spec.operation}: no answer within ${timeoutMs} ms`, {
      httpStatus: null,
      code: 'timeout',
      retryable: true,
      cause: err,
    });
  }
  // undici hides the socket error (ECONNREFUSED, ENOTFOUND...) in `cause`.
  const cause = err instanceof Error ? err.cause : undefined;
  const detail =
    cause instanceof Error
      ? ((cause as NodeJS.ErrnoException).code ?? cause.message)
      : err instanceof Error
        ? err.message
        : String(err);
  return new MidtransError(`Midtrans ${spec.operation}: ${detail}`, {
    httpStatus: null,
    code: 'network',
    retryable: true,
    cause: err,
  });
}

function report(ctx: HttpContext, call: GatewayCallRecord): void {
  try {
    ctx.onCall?.(call);
  } catch {
    // Logging must never change the outcome of a payment call.
  }
}

/** Performs one call, reports it to `onCall` and interprets the answer. */
export async function callMidtrans<T>(ctx: HttpContext, spec: CallSpec<T>): Promise<T> {
  const started = performance.now();
  let status: number | null = null;
  let body: unknown;
  const headers: Record<string, string> = {
    Authorization: ctx.authorization,
    Accept: 'application/json',
    'Content-Type': 'application/json',
  };
  if (spec.notificationUrl !== undefined) headers['X-Override-Notification'] = spec.notificationUrl;
  const finish = (error?: string): void => {
    report(ctx, {
      method: spec.method,
      url: spec.url,
      operation: spec.operation,
      status,
      durationMs: Math.round(performance.now() - started),
      ...(error === undefined ? {} : { error }),
      ...(spec.body === undefined ? {} : { requestBody: spec.body }),
      ...(body === undefined
        ? {}
        : {
            responseBody:
              typeof body === 'string' && body.length > RECORDED_TEXT_MAX
                ? body.slice(0, RECORDED_TEXT_MAX)
                : body,
          }),
    });
  };
  try {
    try {
      const res = await fetch(spec.url, {
        method: spec.method,
        headers,
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
        signal: AbortSignal.timeout(ctx.timeoutMs),
        // Midtrans never redirects; a redirect means a wrong base URL, reported as is.
        redirect: 'manual',
      });
      status = res.status;
      body = parseBody(await res.text());
    } catch (err) {
      throw transportError(err, spec, ctx.timeoutMs);
    }
    const result = spec.interpret(status, body);
    finish();
    return result;
  } catch (err) {
    finish(err instanceof Error ? err.message : String(err));
    throw err;
  }
}
