import { createUserSchema, type Problem } from '@jaring/contracts';
import type { TFunction } from 'i18next';
import { describe, expect, test } from 'vitest';
import { ApiError } from './api';
import { fieldErrorsFromIssues, serverFieldErrors } from './validation';

const t = ((key: string | string[], options?: { count?: number; defaultValue?: string }) => {
  const first = Array.isArray(key) ? key[0] : key;
  if (options?.defaultValue !== undefined) return `${first}|${options.defaultValue}`;
  return options?.count !== undefined ? `${first}:${options.count}` : first;
}) as unknown as TFunction;

describe('fieldErrorsFromIssues', () => {
  test('maps the shared schema issues to translated messages per field', () => {
    const parsed = createUserSchema.safeParse({
      email: 'nope',
      name: '',
      password: 'short',
      role: 'owner',
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldErrorsFromIssues(parsed.error.issues, t)).toEqual({
      email: 'validation.email',
      name: 'validation.required',
      password: 'validation.tooShort:10',
    });
  });
});

describe('numeric ranges', () => {
  test('say the bound instead of a number of characters', () => {
    const tValue = ((key: string, options?: { value?: number }) =>
      `${key}=${options?.value}`) as unknown as TFunction;
    expect(
      fieldErrorsFromIssues(
        [
          { code: 'too_small', origin: 'number', minimum: 10, path: ['a'], message: '' },
          { code: 'too_big', origin: 'number', maximum: 3600, path: ['b'], message: '' },
        ],
        tValue,
      ),
    ).toEqual({ a: 'validation.atLeast=10', b: 'validation.atMost=3600' });
  });
});

describe('serverFieldErrors', () => {
  const problem = (extra: Partial<Problem>): Problem => ({
    type: 'about:blank',
    title: 'Conflict',
    status: 409,
    code: 'email_taken',
    ...extra,
  });

  test('keys errors by the first path segment and prefers a translation of the code', () => {
    const error = new ApiError(
      problem({
        code: 'validation_failed',
        errors: [
          { path: 'abilities.0', message: 'invalid option', code: 'invalid_value' },
          { path: 'name', message: 'too long', code: 'too_big' },
        ],
      }),
      null,
    );
    expect(serverFieldErrors(error, t)).toEqual({
      abilities: 'validation.server.invalid_value|invalid option',
      name: 'validation.server.too_big|too long',
    });
  });

  test('puts email_taken on the email field even without errors[]', () => {
    expect(serverFieldErrors(new ApiError(problem({}), null), t)).toEqual({
      email: 'errors.email_taken',
    });
  });
});
