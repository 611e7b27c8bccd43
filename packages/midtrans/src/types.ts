/** Payment state as Jaring's billing sees it, whatever the gateway calls it. */
export type GatewayStatus =
  'pending' | 'paid' | 'failed' | 'expired' | 'refunded' | 'partially_refunded' | 'challenge';

/** Operations the client performs; used as {@link GatewayCallRecord.operation}. */
export type MidtransOperation = 'snap.create' | 'charge' | 'status' | 'cancel' | 'expire';

/**
 * One HTTP call to the gateway, for the integration log. The server key travels only in
 * headers, which are never recorded, so a record can be stored as is.
 */
export interface GatewayCallRecord {
  readonly method: string;
  readonly url: string;
  readonly operation: string;
  /** HTTP status, or null when no response arrived (network error, timeout). */
  readonly status: number | null;
  readonly durationMs: number;
  readonly error?: string;
  readonly requestBody?: unknown;
  /** Parsed JSON, or the response text cut to 4 KB when it is not JSON. */
  readonly responseBody?: unknown;
}

export type MidtransEnvironment = 'sandbox' | 'production';

export interface MidtransClientOptions {
  readonly serverKey: string;
  readonly environment: MidtransEnvironment;
  /** Core API base; defaults to the environment's (`https://api[.sandbox].midtrans.com`). */
  readonly apiBaseUrl?: string;
  /** Snap base including `/snap/v1`; defaults to the environment's. */
  readonly snapBaseUrl?: string;
  /** Per-request timeout covering connect, response and body (default 10 000 ms). */
  readonly timeoutMs?: number;
  /** Called once per HTTP call, success or failure. Exceptions it throws are ignored. */
  readonly onCall?: (call: GatewayCallRecord) => void;
}

export interface TransactionDetails {
  readonly order_id: string;
  /** Whole rupiah. */
  readonly gross_amount: number;
}

export interface ItemDetail {
  readonly id?: string;
  /** Cut to 50 characters before sending (Midtrans rejects longer names). */
  readonly name: string;
  /** Whole rupiah per unit; negative for a discount line. */
  readonly price: number;
  readonly quantity: number;
}

export interface CustomerDetails {
  readonly first_name?: string;
  readonly last_name?: string;
  readonly email?: string;
  readonly phone?: string;
}

export type SnapExpiryUnit = 'minute' | 'minutes' | 'hour' | 'hours' | 'day' | 'days';

export interface SnapTransactionRequest {
  readonly transaction_details: TransactionDetails;
  readonly item_details?: readonly ItemDetail[];
  readonly customer_details?: CustomerDetails;
  /** Snap channel codes, see `MIDTRANS_CHANNELS`. */
  readonly enabled_payments?: readonly string[];
  readonly expiry?: {
    /** `yyyy-MM-dd HH:mm:ss Z`, e.g. `2025-01-31 13:00:00 +0700`. */
    readonly start_time?: string;
    readonly unit: SnapExpiryUnit;
    readonly duration: number;
  };
  readonly callbacks?: { readonly finish?: string };
}

export type ChargePaymentType = 'bank_transfer' | 'echannel' | 'permata' | 'qris' | 'gopay';
export type ChargeBank = 'bca' | 'bni' | 'bri' | 'cimb' | 'permata';

export interface ChargeRequest {
  readonly payment_type: ChargePaymentType;
  readonly transaction_details: TransactionDetails;
  readonly item_details?: readonly ItemDetail[];
  readonly customer_details?: CustomerDetails;
  readonly bank_transfer?: { readonly bank: ChargeBank };
  readonly echannel?: { readonly bill_info1: string; readonly bill_info2: string };
  readonly custom_expiry?: {
    readonly expiry_duration: number;
    readonly unit: 'minute' | 'hour' | 'day';
  };
}

export interface VaNumber {
  readonly bank: string;
  readonly va_number: string;
}

export interface MidtransAction {
  readonly name: string;
  readonly method: string;
  readonly url: string;
}

/**
 * A transaction as the charge and status APIs return it and as notifications carry it.
 * Amounts stay the strings Midtrans sent (`"100000.00"`): the signature is computed over them.
 */
export interface MidtransTransaction {
  readonly order_id: string;
  readonly transaction_id?: string;
  readonly status_code: string;
  readonly status_message?: string;
  readonly gross_amount: string;
  readonly currency?: string;
  readonly payment_type?: string;
  readonly transaction_status: string;
  readonly fraud_status?: string;
  readonly transaction_time?: string;
  readonly settlement_time?: string;
  readonly expiry_time?: string;
  readonly signature_key?: string;
  readonly va_numbers?: readonly VaNumber[];
  readonly permata_va_number?: string;
  readonly bill_key?: string;
  readonly biller_code?: string;
  readonly actions?: readonly MidtransAction[];
  readonly qr_string?: string;
  readonly store?: string;
  readonly payment_code?: string;
  /** The whole object as received. */
  readonly raw: Record<string, unknown>;
}

/** A parsed notification: a transaction that is guaranteed to carry its signature. */
export type MidtransNotification = MidtransTransaction & { readonly signature_key: string };
