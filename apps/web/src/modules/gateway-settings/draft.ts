import type {
  FeeBearer,
  GatewayEnvironment,
  GatewaySettings,
  UpdateGatewaySettings,
} from '@jaring/contracts';
import { orNull, secretChange, wholeNumber } from '../../lib/form-values';
import { bpToPercent, percentToBp, rupiahDigits } from '../../lib/network-format';

/** A fee rule as typed: rupiah digits and a percentage (`0.7`). */
export interface FeeDraft {
  flat: string;
  percent: string;
}

/**
 * One gateway's settings form as typed text. Secrets start empty: the API never returns them;
 * '' keeps the stored one, null removes it, text replaces it.
 */
export interface GatewayDraft {
  enabled: boolean;
  environment: GatewayEnvironment;
  channels: string[];
  feeBearer: FeeBearer;
  fees: Record<string, FeeDraft>;
  expiryMinutes: string;
  merchantCode: string;
  apiBaseUrl: string;
  serverKey: string | null;
  apiKey: string | null;
  privateKey: string | null;
}

export function draftFrom(settings: GatewaySettings): GatewayDraft {
  const fees: Record<string, FeeDraft> = {};
  for (const [code, rule] of Object.entries(settings.fees)) {
    fees[code] = { flat: rule.flat, percent: bpToPercent(rule.percentBp) };
  }
  return {
    enabled: settings.enabled,
    environment: settings.environment,
    channels: [...settings.channels],
    feeBearer: settings.feeBearer,
    fees,
    expiryMinutes: String(settings.expiryMinutes),
    merchantCode: settings.merchantCode ?? '',
    apiBaseUrl: settings.apiBaseUrl ?? '',
    serverKey: '',
    apiKey: '',
    privateKey: '',
  };
}

/** Fee rules for the API: empty parts count as zero; rules with nothing in them are left out. */
export function feesFrom(
  fees: Record<string, FeeDraft>,
): Record<string, { flat: string; percentBp: number }> {
  const rules: Record<string, { flat: string; percentBp: number }> = {};
  for (const [code, fee] of Object.entries(fees)) {
    const flat = rupiahDigits(fee.flat);
    const percent = fee.percent.trim();
    if (flat === '' && percent === '') continue;
    rules[code] = { flat: flat || '0', percentBp: percent === '' ? 0 : percentToBp(percent) };
  }
  return rules;
}

/**
 * The PUT body. Midtrans takes a server key and its fee table; Tripay a merchant code and two
 * keys (it reports its own fees). Fields the other gateway uses are left out.
 */
export function updateFrom(
  gateway: GatewaySettings['gateway'],
  draft: GatewayDraft,
): UpdateGatewaySettings {
  const common = {
    enabled: draft.enabled,
    environment: draft.environment,
    channels: draft.channels,
    feeBearer: draft.feeBearer,
    expiryMinutes: wholeNumber(draft.expiryMinutes),
    apiBaseUrl: orNull(draft.apiBaseUrl),
  };
  if (gateway === 'midtrans') {
    return { ...common, fees: feesFrom(draft.fees), ...secretChange('serverKey', draft.serverKey) };
  }
  return {
    ...common,
    merchantCode: orNull(draft.merchantCode),
    ...secretChange('apiKey', draft.apiKey),
    ...secretChange('privateKey', draft.privateKey),
  };
}
