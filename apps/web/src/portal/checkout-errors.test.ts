import { describe, expect, test } from 'vitest';
import { ApiError } from '../lib/api';
import { checkoutProblem } from './checkout-errors';

const problem = (status: number, code: string): ApiError =>
  new ApiError({ type: 'about:blank', title: 'x', status, code }, null);

describe('checkoutProblem', () => {
  test('the three answers a customer can act on', () => {
    expect(checkoutProblem(problem(422, 'gateway_unavailable'))).toBe('gatewayUnavailable');
    expect(checkoutProblem(problem(409, 'gateway_disabled'))).toBe('gatewayDisabled');
    expect(checkoutProblem(problem(409, 'conflict'))).toBe('nothingToPay');
  });

  test('anything else is shown as the general problem', () => {
    expect(checkoutProblem(problem(500, 'internal_error'))).toBeNull();
    expect(checkoutProblem(new TypeError('offline'))).toBeNull();
    expect(checkoutProblem(null)).toBeNull();
  });
});
