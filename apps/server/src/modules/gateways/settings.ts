import {
  GATEWAYS,
  type GatewayId,
  type GatewaySettings,
  type UpdateGatewaySettings,
} from '@jaring/contracts';
import { MIDTRANS_CHANNELS } from '@jaring/midtrans';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { paymentGateways } from '../../db/schema/index.ts';
import { invalidField } from '../../lib/sql-helpers.ts';
import { adapterFor } from './adapters.ts';
import {
  configCache,
  credentialsContext,
  defaultConfig,
  isReady,
  selectGatewayRow,
  toConfig,
  type GatewayConfig,
  type GatewayCredentials,
} from './config.ts';
import type { ChannelOffer } from './adapter.ts';

async function availableChannels(deps: AppDeps, config: GatewayConfig): Promise<ChannelOffer[]> {
  try {
    return await adapterFor(config.gateway).channels(config, () => undefined);
  } catch (err) {
    // Tripay lists channels from its API: without working keys the form shows the enabled ones.
    deps.logger.debug({ err, gateway: config.gateway }, 'gateway channel list unavailable');
    return [];
  }
}

async function toDto(deps: AppDeps, config: GatewayConfig): Promise<GatewaySettings> {
  const offers = await availableChannels(deps, config);
  const known = new Set(offers.map((o) => o.code));
  return {
    gateway: config.gateway,
    enabled: config.enabled,
    environment: config.environment,
    channels: config.channels,
    availableChannels: [
      ...offers.map((o) => ({ code: o.code, name: o.name, group: o.group })),
      ...config.channels
        .filter((c) => !known.has(c))
        .map((c) => ({ code: c, name: c, group: 'virtual_account' as const })),
    ],
    feeBearer: config.feeBearer,
    fees: config.fees,
    expiryMinutes: config.expiryMinutes,
    merchantCode: config.merchantCode,
    apiBaseUrl: config.apiBaseUrl,
    credentials: {
      serverKey: Boolean(config.credentials.serverKey),
      apiKey: Boolean(config.credentials.apiKey),
      privateKey: Boolean(config.credentials.privateKey),
    },
    webhookUrl: `${deps.config.appUrl}/api/v1/webhooks/${config.gateway}`,
    ready: isReady(config),
    updatedAt: config.updatedAt?.toISOString() ?? null,
  };
}

async function readConfig(deps: AppDeps, gateway: GatewayId): Promise<GatewayConfig> {
  const row = await selectGatewayRow(deps.db, gateway);
  return row ? toConfig(row, deps.secretBox) : defaultConfig(gateway);
}

export async function listGatewaySettings(deps: AppDeps): Promise<GatewaySettings[]> {
  return Promise.all(GATEWAYS.map(async (g) => toDto(deps, await readConfig(deps, g))));
}

const SECRET_FIELDS = ['serverKey', 'apiKey', 'privateKey'] as const;
const SECRETS_OF: Readonly<Record<GatewayId, readonly (typeof SECRET_FIELDS)[number][]>> = {
  midtrans: ['serverKey'],
  tripay: ['apiKey', 'privateKey'],
};

export async function updateGatewaySettings(
  deps: AppDeps,
  ctx: RequestContext,
  gateway: GatewayId,
  input: UpdateGatewaySettings,
): Promise<GatewaySettings> {
  for (const field of SECRET_FIELDS) {
    if (input[field] !== undefined && !SECRETS_OF[gateway].includes(field)) {
      throw invalidField(field, `${adapterFor(gateway).name} does not use this key`, 'not_allowed');
    }
  }
  if (gateway === 'midtrans') {
    const known = new Set(MIDTRANS_CHANNELS.map((c) => c.code));
    const unknown = [...(input.channels ?? []), ...Object.keys(input.fees ?? {})].find(
      (c) => !known.has(c),
    );
    if (unknown) throw invalidField('channels', `Midtrans has no channel ${unknown}`, 'unknown');
  }
  if (input.merchantCode !== undefined && gateway !== 'tripay') {
    throw invalidField('merchantCode', 'only Tripay uses a merchant code', 'not_allowed');
  }
  await deps.db.transaction(async (tx) => {
    const row = await selectGatewayRow(tx, gateway);
    const before = row ? toConfig(row, deps.secretBox) : defaultConfig(gateway);
    const credentials: GatewayCredentials = { ...before.credentials };
    for (const field of SECRET_FIELDS) {
      const v = input[field];
      if (v === undefined) continue;
      if (v === null) delete credentials[field];
      else credentials[field] = v;
    }
    const next: GatewayConfig = {
      ...before,
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.environment ? { environment: input.environment } : {}),
      ...(input.channels ? { channels: input.channels } : {}),
      ...(input.feeBearer ? { feeBearer: input.feeBearer } : {}),
      ...(input.fees ? { fees: input.fees } : {}),
      ...(input.expiryMinutes ? { expiryMinutes: input.expiryMinutes } : {}),
      ...(input.merchantCode !== undefined ? { merchantCode: input.merchantCode } : {}),
      ...(input.apiBaseUrl !== undefined ? { apiBaseUrl: input.apiBaseUrl } : {}),
      credentials,
    };
    if (next.enabled && !isReady(next)) {
      const missing = [...SECRETS_OF[gateway]].filter((f) => !credentials[f]);
      if (gateway === 'tripay' && !next.merchantCode) missing.push('merchantCode' as never);
      throw invalidField(
        missing[0] ?? 'enabled',
        `${adapterFor(gateway).name} cannot be enabled without ${missing.join(', ')}`,
        'required',
      );
    }
    const now = deps.clock.now();
    const stored = Object.keys(credentials).length
      ? deps.secretBox.encrypt(JSON.stringify(credentials), credentialsContext(gateway))
      : null;
    const values = {
      gateway,
      enabled: next.enabled,
      environment: next.environment,
      channels: next.channels,
      feeBearer: next.feeBearer,
      fees: next.fees,
      expiryMinutes: next.expiryMinutes,
      merchantCode: next.merchantCode,
      apiBaseUrl: next.apiBaseUrl,
      credentials: stored,
      updatedAt: now,
      updatedBy: ctx.principal?.user.id ?? null,
    };
    await tx
      .insert(paymentGateways)
      .values(values)
      .onConflictDoUpdate({ target: paymentGateways.gateway, set: values });
    const visible = (c: GatewayConfig): Record<string, unknown> => ({
      enabled: c.enabled,
      environment: c.environment,
      channels: c.channels,
      feeBearer: c.feeBearer,
      fees: c.fees,
      expiryMinutes: c.expiryMinutes,
      merchantCode: c.merchantCode,
      apiBaseUrl: c.apiBaseUrl,
      keysStored: Object.keys(c.credentials).sort(),
    });
    await recordAudit(tx, ctx, {
      action: 'gateway.settings_updated',
      entityType: 'payment_gateway',
      entityId: null,
      before: { gateway, ...visible(before) },
      after: { gateway, ...visible(next) },
    });
  });
  configCache(deps.secretBox).invalidate(gateway);
  return toDto(deps, await readConfig(deps, gateway));
}
