import { formatRate, formatRateLimit } from '@jaring/routeros';

export interface PlanRates {
  downloadKbps: number;
  uploadKbps: number;
  burstDownloadKbps: number | null;
  burstUploadKbps: number | null;
  burstThresholdDownloadKbps: number | null;
  burstThresholdUploadKbps: number | null;
  burstSeconds: number | null;
}

/**
 * The profile rate limit of a plan. RouterOS writes the client's upload first (`rx` is what the
 * router receives), so a 10M down / 2M up plan is `2M/10M`.
 */
export function planRateLimit(p: PlanRates): string {
  const base = { rx: p.uploadKbps * 1000, tx: p.downloadKbps * 1000 };
  if (
    p.burstDownloadKbps === null ||
    p.burstUploadKbps === null ||
    p.burstThresholdDownloadKbps === null ||
    p.burstThresholdUploadKbps === null ||
    p.burstSeconds === null
  ) {
    return formatRateLimit(base);
  }
  return formatRateLimit({
    ...base,
    burstRx: p.burstUploadKbps * 1000,
    burstTx: p.burstDownloadKbps * 1000,
    thresholdRx: p.burstThresholdUploadKbps * 1000,
    thresholdTx: p.burstThresholdDownloadKbps * 1000,
    burstTimeRx: p.burstSeconds,
    burstTimeTx: p.burstSeconds,
  });
}

/** Simple-queue `max-limit` is `target-upload/target-download`, the same order. */
export function planMaxLimit(p: PlanRates): string {
  return `${formatRate(p.uploadKbps * 1000)}/${formatRate(p.downloadKbps * 1000)}`;
}
