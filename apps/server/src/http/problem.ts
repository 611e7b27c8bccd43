import { ERROR_CODES, type ErrorCode, type Problem } from '@jaring/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { DomainError, STATUS_BY_CODE } from '../lib/errors.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  detail: string,
  extra: Partial<Problem> = {},
): FastifyReply {
  const body: Problem = {
    type: `https://jaring.dev/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    instance: reply.request.url.split('?')[0],
    requestId: reply.request.id,
    ...extra,
  };
  return reply.code(status).type('application/problem+json; charset=utf-8').send(body);
}

function validationFields(err: FastifyError): Problem['errors'] {
  if (!hasZodFastifySchemaValidationErrors(err)) return [];
  // The Zod type provider puts the issue code in `keyword` and the rest of the issue in `params`.
  return err.validation.flatMap((v) => {
    const segments = v.instancePath.split('/').filter((s) => s.length > 0);
    const keys = (v.params as { keys?: unknown }).keys;
    // Unknown keys are reported on the object; name each key so a client can point at it.
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys) && keys.length > 0) {
      return keys.map((key) => ({
        path: [...segments, String(key)].join('.'),
        message: 'unknown field',
        code: 'unrecognized_keys',
      }));
    }
    return [{ path: segments.join('.'), message: v.message ?? 'invalid value', code: v.keyword }];
  });
}

const FASTIFY_CLIENT_ERRORS: Record<string, [number, ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [
    400,
    ERROR_CODES.badRequest,
    'The request body is not valid JSON',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    400,
    ERROR_CODES.badRequest,
    'The request body is empty but its type is JSON',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, ERROR_CODES.payloadTooLarge, 'The request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    ERROR_CODES.unsupportedMediaType,
    'Send the body as application/json',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    ERROR_CODES.badRequest,
    'Content-Length does not match the body',
  ],
};

export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DomainError) {
      if (err.retryAfterSeconds !== undefined)
        reply.header('retry-after', String(err.retryAfterSeconds));
      return sendProblem(reply, STATUS_BY_CODE[err.code], err.code, err.message, {
        ...(err.fields ? { errors: err.fields } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return sendProblem(reply, 400, ERROR_CODES.validation, 'The request has invalid fields', {
        errors: validationFields(err),
      });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err }, 'response failed its own schema');
      return sendProblem(reply, 500, ERROR_CODES.internal, 'An unexpected error occurred');
    }
    const known = err.code ? FASTIFY_CLIENT_ERRORS[err.code] : undefined;
    if (known) return sendProblem(reply, known[0], known[1], known[2]);
    if (err.statusCode === 429) {
      return sendProblem(reply, 429, ERROR_CODES.rateLimited, 'Too many requests; slow down');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, err.statusCode, ERROR_CODES.badRequest, err.message);
    }
    request.log.error({ err }, 'unhandled error');
    return sendProblem(reply, 500, ERROR_CODES.internal, 'An unexpected error occurred');
  });
}
