import { isApiError } from '../lib/api';

/** Why starting a checkout failed, when the customer can do something about it. */
export type CheckoutProblem = 'gatewayUnavailable' | 'gatewayDisabled' | 'nothingToPay';

export function checkoutProblem(error: unknown): CheckoutProblem | null {
  if (!isApiError(error)) return null;
  if (error.code === 'gateway_unavailable') return 'gatewayUnavailable';
  if (error.code === 'gateway_disabled') return 'gatewayDisabled';
  if (error.code === 'conflict') return 'nothingToPay';
  return null;
}
