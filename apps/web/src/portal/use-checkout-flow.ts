import type { GatewayId, PortalPaymentOptions } from '@jaring/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreateCheckout, usePaymentOptions } from './checkout-api';
import { checkoutProblem } from './checkout-errors';
import { channelKey } from './channel-groups';

export interface CheckoutFlow {
  options: UseQueryResult<PortalPaymentOptions>;
  open: boolean;
  setOpen: (open: boolean) => void;
  choose: (gateway: GatewayId, code: string) => void;
  /** `gateway:code` of the channel being started, while it is. */
  choosing: string | null;
  error: unknown;
}

/**
 * Paying online: the options for the invoices (null: all outstanding), the chooser's state, and
 * starting a checkout. A checkout with a payment page sends the browser there (it comes back to
 * the checkout page); one without opens the checkout page with the code to pay.
 */
export function useCheckoutFlow(
  invoiceIds: readonly string[] | null,
  enabled = true,
): CheckoutFlow {
  const navigate = useNavigate();
  const options = usePaymentOptions(invoiceIds, enabled);
  const create = useCreateCheckout();
  const [open, setOpenState] = useState(false);
  const [choosing, setChoosing] = useState<string | null>(null);

  const setOpen = (next: boolean): void => {
    // A redirect in progress is not interrupted by closing the chooser.
    if (choosing !== null) return;
    create.reset();
    setOpenState(next);
  };

  const choose = (gateway: GatewayId, code: string): void => {
    if (choosing !== null) return;
    setChoosing(channelKey(gateway, code));
    create.mutate(
      { gateway, channel: code, ...(invoiceIds ? { invoiceIds: [...invoiceIds] } : {}) },
      {
        onSuccess: (checkout) => {
          if (checkout.redirectUrl) {
            // Leaving the app: `choosing` stays set so the button keeps spinning until unload.
            window.location.assign(checkout.redirectUrl);
            return;
          }
          setChoosing(null);
          setOpenState(false);
          void navigate(`/portal/checkouts/${checkout.id}`, { state: { fresh: true } });
        },
        onError: (error) => {
          setChoosing(null);
          // The channel list or the amount changed under the customer: show the current one.
          if (checkoutProblem(error) !== 'gatewayUnavailable') void options.refetch();
        },
      },
    );
  };

  return { options, open, setOpen, choose, choosing, error: create.error };
}
