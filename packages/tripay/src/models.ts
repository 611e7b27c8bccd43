/** A fee of `flat` rupiah plus `percent` % of the amount (`0.7` means 0.7 %). */
export interface TripayFeeRule {
  flat: number;
  percent: number;
}

/** A payment channel as `merchant/payment-channel` lists it. */
export interface TripayChannel {
  /** `Virtual Account`, `Convenience Store`, `E-Wallet`. */
  group: string;
  /** Method code for `createTransaction`, e.g. `BRIVA`, `QRIS`. */
  code: string;
  name: string;
  /** `direct` (pay code or QR) or `redirect` (the customer follows `payUrl`). */
  type: string;
  feeMerchant: TripayFeeRule;
  feeCustomer: TripayFeeRule;
  totalFee: TripayFeeRule;
  minimumFee: number | null;
  maximumFee: number | null;
  iconUrl: string | null;
  active: boolean;
}

/** Fee of one channel for one amount, from `merchant/fee-calculator`'s `total_fee`. */
export interface TripayFee {
  code: string;
  name: string;
  merchant: bigint;
  customer: bigint;
}

export interface TripayOrderItem {
  sku?: string;
  name: string;
  /** Unit price in rupiah. */
  price: bigint;
  quantity: number;
}

/** A closed-payment request. `amount` must equal the sum of price x quantity. */
export interface TripayCreateTransaction {
  /** Channel code, e.g. `BRIVA`. */
  method: string;
  /** Your reference, 1..64 characters; Tripay refuses a second unpaid one with the same value. */
  merchantRef: string;
  amount: bigint;
  customerName: string;
  customerEmail: string;
  customerPhone?: string;
  orderItems: TripayOrderItem[];
  /** Overrides the callback URL set in the merchant dashboard. */
  callbackUrl?: string;
  /** Where the checkout page sends the customer afterwards. */
  returnUrl?: string;
  /** Unix seconds. */
  expiredTime?: number;
}

/** A transaction as `transaction/create` and `transaction/detail` return it. */
export interface TripayTransaction {
  reference: string;
  merchantRef: string;
  /** Channel code, e.g. `BRIVA`. */
  paymentMethod: string;
  /** Channel display name. */
  paymentName: string;
  /** What the customer pays: the requested amount plus `feeCustomer`. */
  amount: bigint;
  feeMerchant: bigint;
  feeCustomer: bigint;
  totalFee: bigint;
  /** What the merchant is credited: `amount - totalFee`. */
  amountReceived: bigint;
  /** VA number or retail payment code. */
  payCode: string | null;
  /** Page to send the customer to for redirect channels. */
  payUrl: string | null;
  checkoutUrl: string;
  qrString: string | null;
  qrUrl: string | null;
  /** `UNPAID`, `PAID`, `EXPIRED`, `FAILED`, `REFUND`; see `mapStatus`. */
  status: string;
  /** Unix seconds. */
  expiredTime: number | null;
  /** Unix seconds. */
  paidAt: number | null;
  raw: Record<string, unknown>;
}
