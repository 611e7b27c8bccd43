// Customer premises devices (ONTs) managed through GenieACS: ACS servers, synced devices, the
// device <-> subscription mapping, and actions (WiFi, reboot, refresh, factory reset) as tasks.
import { z } from 'zod';
import { paginationQuerySchema } from './pagination.ts';
import { plainTextNameSchema, searchTextSchema } from './text.ts';

// ---- Enumerations ---------------------------------------------------------------------------------

export const DEVICE_DATA_MODELS = ['tr098', 'tr181'] as const;
export const deviceDataModelSchema = z.enum(DEVICE_DATA_MODELS);
export type DeviceDataModel = z.infer<typeof deviceDataModelSchema>;

/**
 * How a device came to its subscription: `matched` automatically (PPPoE username or the ONT
 * serial entered at installation), `manual` by staff (never undone by a sync), `unmatched` when
 * nothing fits, `ambiguous` when more than one subscription fits.
 */
export const DEVICE_MATCH_STATES = ['matched', 'unmatched', 'ambiguous', 'manual'] as const;
export const deviceMatchStateSchema = z.enum(DEVICE_MATCH_STATES);
export type DeviceMatchState = z.infer<typeof deviceMatchStateSchema>;

export const DEVICE_TASK_KINDS = ['wifi', 'reboot', 'refresh', 'factory_reset'] as const;
export const deviceTaskKindSchema = z.enum(DEVICE_TASK_KINDS);
export type DeviceTaskKind = z.infer<typeof deviceTaskKindSchema>;

/**
 * `queued`: recorded in Jaring, not yet accepted by the ACS (the ACS may be down: it is retried).
 * `sent`: queued at the ACS, waiting for the device's next session. `done` and `faulted` are
 * final; `cancelled` when it expired or was withdrawn before the device ran it.
 */
export const DEVICE_TASK_STATUSES = ['queued', 'sent', 'done', 'faulted', 'cancelled'] as const;
export const deviceTaskStatusSchema = z.enum(DEVICE_TASK_STATUSES);
export type DeviceTaskStatus = z.infer<typeof deviceTaskStatusSchema>;

/** Units optical RX power is reported in, normalised to dBm on sync. */
export const RX_POWER_UNITS = [
  /** dBm as a number or decimal string (Huawei, most virtual parameters). */
  'dbm',
  /** Thousandths of a dBm (TR-181 `OpticalSignalLevel`). */
  'mdbm',
  /** Tenths of a microwatt (ZTE `RXPower`); a negative value is taken as dBm. */
  'tenth_uw',
  /** Microwatts. */
  'uw',
  /** Milliwatts. */
  'mw',
] as const;
export const rxPowerUnitSchema = z.enum(RX_POWER_UNITS);
export type RxPowerUnit = z.infer<typeof rxPowerUnitSchema>;

export const BREAKER_STATES = ['closed', 'open', 'half-open'] as const;
export const breakerStateSchema = z.enum(BREAKER_STATES);

// ---- Parameter map overrides ----------------------------------------------------------------------

/** A TR-069 parameter path (`InternetGatewayDevice.DeviceInfo.UpTime`, `VirtualParameters.x`). */
export const parameterPathSchema = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/, {
    message: 'must be a dotted parameter path',
  });

const paths = z.array(parameterPathSchema).max(8);

/**
 * Extra parameter paths for devices the built-in map does not know (or knows wrongly). A rule
 * applies when every criterion it gives matches (manufacturer and product class compare
 * case-insensitively); its paths are tried before the built-in ones, first found wins.
 */
export const paramMapRuleSchema = z.strictObject({
  manufacturer: z.string().trim().min(1).max(100).optional(),
  oui: z
    .string()
    .trim()
    .regex(/^[0-9A-Fa-f]{6}$/, { message: 'must be 6 hex digits' })
    .optional(),
  productClass: z.string().trim().min(1).max(100).optional(),
  fields: z
    .strictObject({
      pppoeUsername: paths,
      wanIp: paths,
      uptime: paths,
      firmware: paths,
      model: paths,
      hostsCount: paths,
    })
    .partial()
    .default({}),
  rxPower: z
    .array(z.strictObject({ path: parameterPathSchema, unit: rxPowerUnitSchema }))
    .max(8)
    .default([]),
});
export type ParamMapRule = z.infer<typeof paramMapRuleSchema>;
export const paramOverridesSchema = z.array(paramMapRuleSchema).max(50);

// ---- ACS servers ----------------------------------------------------------------------------------

const acsFields = {
  name: plainTextNameSchema(100),
  /** The NBI address, e.g. `http://10.0.0.5:7557` (credentials go in username/password). */
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .refine((u) => !/^https?:\/\/[^/]*@/.test(u), {
      message: 'put credentials in username and password',
    }),
  /** HTTP Basic credentials, for an NBI behind an authenticating reverse proxy. */
  username: z
    .string()
    .max(100)
    .regex(/^[^\p{Cc}:]*$/u, { message: 'must not contain control characters or ":"' })
    .nullable(),
  password: z
    .string()
    .max(200)
    .regex(/^[^\p{Cc}]*$/u, { message: 'must not contain control characters' })
    .nullable(),
  enabled: z.boolean(),
  /** Minutes between incremental syncs. A full sync also runs nightly. */
  syncIntervalMinutes: z.number().int().min(1).max(1440),
  /** A device that informed within this many minutes counts as online (about 3 inform intervals). */
  onlineWindowMinutes: z.number().int().min(1).max(1440),
  /** Deadline of one NBI call. */
  timeoutMs: z.number().int().min(1000).max(120_000),
  /** How long the ACS waits for a device to answer a connection request before queueing a task. */
  taskTimeoutMs: z.number().int().min(1000).max(60_000),
  paramOverrides: paramOverridesSchema,
  /** Keep GenieACS tags (`jaring`, `cust:<number>`, `plan:<name>`, `isolated`) in sync. */
  syncTags: z.boolean(),
};

export const createAcsServerSchema = z.strictObject({
  name: acsFields.name,
  baseUrl: acsFields.baseUrl,
  username: acsFields.username.optional(),
  password: acsFields.password.optional(),
  enabled: acsFields.enabled.default(true),
  syncIntervalMinutes: acsFields.syncIntervalMinutes.default(5),
  onlineWindowMinutes: acsFields.onlineWindowMinutes.default(15),
  timeoutMs: acsFields.timeoutMs.default(30_000),
  taskTimeoutMs: acsFields.taskTimeoutMs.default(10_000),
  paramOverrides: acsFields.paramOverrides.default([]),
  syncTags: acsFields.syncTags.default(true),
  /** Reach the NBI before saving; an unreachable one is refused (422) and nothing is saved. */
  verify: z.boolean().default(false),
});
export type CreateAcsServer = z.infer<typeof createAcsServerSchema>;

export const updateAcsServerSchema = z
  .strictObject({
    name: acsFields.name.optional(),
    baseUrl: acsFields.baseUrl.optional(),
    username: acsFields.username.optional(),
    /** `null` removes the stored password; absent keeps it. */
    password: acsFields.password.optional(),
    enabled: acsFields.enabled.optional(),
    syncIntervalMinutes: acsFields.syncIntervalMinutes.optional(),
    onlineWindowMinutes: acsFields.onlineWindowMinutes.optional(),
    timeoutMs: acsFields.timeoutMs.optional(),
    taskTimeoutMs: acsFields.taskTimeoutMs.optional(),
    paramOverrides: acsFields.paramOverrides.optional(),
    syncTags: acsFields.syncTags.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
export type UpdateAcsServer = z.infer<typeof updateAcsServerSchema>;

export const acsServerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  baseUrl: z.string(),
  username: z.string().nullable(),
  /** Whether a password is stored; it is never returned. */
  hasPassword: z.boolean(),
  enabled: z.boolean(),
  syncIntervalMinutes: z.number().int(),
  onlineWindowMinutes: z.number().int(),
  timeoutMs: z.number().int(),
  taskTimeoutMs: z.number().int(),
  paramOverrides: z.array(paramMapRuleSchema),
  syncTags: z.boolean(),
  deviceCount: z.number().int(),
  sync: z.object({
    /** When the last sync (either kind) finished successfully. */
    lastSyncAt: z.string().nullable(),
    lastFullSyncAt: z.string().nullable(),
    /** The newest `_lastInform` seen: the next incremental sync asks for devices after it. */
    cursor: z.string().nullable(),
    /** Devices read by the last successful sync, and how long it took. */
    lastDevices: z.number().int().nullable(),
    lastDurationMs: z.number().int().nullable(),
    /** Why the last sync failed; null once one succeeds. */
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
  }),
  /** This node's circuit breaker for the ACS; null before this node has called it. */
  breaker: breakerStateSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AcsServer = z.infer<typeof acsServerSchema>;

/** Connection settings to try before saving, or nothing to try a saved server as it is. */
export const testAcsConnectionSchema = z.strictObject({
  baseUrl: acsFields.baseUrl,
  username: acsFields.username.optional(),
  password: acsFields.password.optional(),
  timeoutMs: acsFields.timeoutMs.default(10_000),
});
export type TestAcsConnection = z.infer<typeof testAcsConnectionSchema>;

export const acsTestResultSchema = z.object({
  ok: z.boolean(),
  latencyMs: z.number().int(),
  /** Devices the ACS knows. */
  deviceCount: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type AcsTestResult = z.infer<typeof acsTestResultSchema>;

export const acsSyncRequestSchema = z.strictObject({
  /** `incremental`: devices that informed since the last sync; `full`: every device. */
  mode: z.enum(['incremental', 'full']).default('incremental'),
});
export type AcsSyncRequest = z.infer<typeof acsSyncRequestSchema>;

export const acsSyncQueuedSchema = z.object({
  acsServerId: z.uuid(),
  mode: z.enum(['incremental', 'full']),
  queued: z.literal(true),
});
export type AcsSyncQueued = z.infer<typeof acsSyncQueuedSchema>;

// ---- Devices --------------------------------------------------------------------------------------

export const deviceSsidSchema = z.object({
  /** The instance number (`WLANConfiguration.{i}` or `WiFi.SSID.{i}`): pass it back to target one. */
  index: z.number().int(),
  ssid: z.string(),
  band: z.enum(['2.4GHz', '5GHz', '6GHz']).nullable(),
});
export type DeviceSsid = z.infer<typeof deviceSsidSchema>;

/** The subscription (and customer) a device is linked to. */
export const deviceLinkSchema = z.object({
  subscriptionId: z.uuid(),
  username: z.string(),
  customerId: z.uuid(),
  customerNumber: z.string(),
  customerName: z.string(),
});
export type DeviceLink = z.infer<typeof deviceLinkSchema>;

export const deviceSchema = z.object({
  /** Jaring's id: every device route takes this, never the ACS's id. */
  id: z.uuid(),
  acsServerId: z.uuid(),
  acsServerName: z.string(),
  /** GenieACS's id (`OUI-ProductClass-Serial`, escaped), for operators who use its UI too. */
  acsDeviceId: z.string(),
  oui: z.string(),
  productClass: z.string(),
  serial: z.string(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  dataModel: deviceDataModelSchema.nullable(),
  lastInformAt: z.string().nullable(),
  /** Informed within the ACS server's online window. */
  online: z.boolean(),
  pppoeUsername: z.string().nullable(),
  wanIp: z.string().nullable(),
  ssids: z.array(deviceSsidSchema),
  hostsCount: z.number().int().nullable(),
  /** Optical RX power, dBm (normalised whatever unit the device reports). */
  rxPowerDbm: z.number().nullable(),
  /** Below the alert threshold of the monitoring settings. */
  weakSignal: z.boolean(),
  uptimeS: z.number().int().nullable(),
  tags: z.array(z.string()),
  matchState: deviceMatchStateSchema,
  link: deviceLinkSchema.nullable(),
  /** Tasks not finished yet (queued at Jaring or at the ACS). */
  pendingTasks: z.number().int(),
  syncedAt: z.string(),
});
export type Device = z.infer<typeof deviceSchema>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const deviceListQuerySchema = paginationQuerySchema.extend({
  /** Serial, PPPoE username, customer number or name, ACS id (substring, case-insensitive). */
  q: searchTextSchema(100).optional(),
  acsServerId: z.uuid().optional(),
  /** `true`: only devices outside their online window; `false`: only online ones. */
  offline: booleanQuery.optional(),
  /** Only devices whose RX power is below the alert threshold. */
  weakSignal: booleanQuery.optional(),
  /** Only devices with no subscription (unmatched or ambiguous). */
  unmatched: booleanQuery.optional(),
  matchState: deviceMatchStateSchema.optional(),
  subscriptionId: z.uuid().optional(),
});
export type DeviceListQuery = z.infer<typeof deviceListQuerySchema>;

export const deviceTaskFaultSchema = z.object({
  /** CWMP fault code (`9002`...) or GenieACS's own (`cwmp.9002`, `timeout`...). */
  code: z.string(),
  message: z.string(),
});
export type DeviceTaskFault = z.infer<typeof deviceTaskFaultSchema>;

export const deviceTaskSchema = z.object({
  id: z.uuid(),
  deviceId: z.uuid(),
  subscriptionId: z.uuid().nullable(),
  kind: deviceTaskKindSchema,
  /** What was asked, without secrets: `{ ssid, passwordChanged, indexes }` for WiFi. */
  params: z.record(z.string(), z.unknown()),
  status: deviceTaskStatusSchema,
  /** GenieACS's task id once the ACS accepted it. */
  acsTaskId: z.string().nullable(),
  fault: deviceTaskFaultSchema.nullable(),
  /** Why it is still queued (ACS unreachable, breaker open), or why it was cancelled. */
  lastError: z.string().nullable(),
  requestedBy: z.object({
    type: z.enum(['user', 'customer', 'system']),
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type DeviceTask = z.infer<typeof deviceTaskSchema>;

export const deviceDetailSchema = deviceSchema.extend({
  /** The device's recent tasks, newest first. */
  tasks: z.array(deviceTaskSchema),
  /** A few read-only facts from the last sync for the detail page. */
  parameters: z.array(z.object({ name: z.string(), value: z.string() })),
  /** The ACS is unreachable from this node: what is shown is the last synced state. */
  stale: z.boolean(),
});
export type DeviceDetail = z.infer<typeof deviceDetailSchema>;

export const linkDeviceSchema = z.strictObject({ subscriptionId: z.uuid() });
export type LinkDevice = z.infer<typeof linkDeviceSchema>;

export const unlinkDeviceSchema = z.strictObject({
  /**
   * `false` (default): the device stays without a subscription until someone links it (a sync
   * never relinks it). `true`: it goes back to automatic matching at the next sync.
   */
  automatic: z.boolean().default(false),
});
export type UnlinkDevice = z.infer<typeof unlinkDeviceSchema>;

/** The customer page's device card: the customer's devices and their recent tasks. */
export const customerDevicesSchema = z.object({
  data: z.array(deviceSchema),
  tasks: z.array(deviceTaskSchema),
});
export type CustomerDevices = z.infer<typeof customerDevicesSchema>;

/** A subscription a device could belong to, and why it was proposed. */
export const deviceCandidateSchema = deviceLinkSchema.extend({
  reason: z.enum(['pppoe_username', 'ont_serial', 'similar_username']),
});
export type DeviceCandidate = z.infer<typeof deviceCandidateSchema>;

export const deviceReviewItemSchema = z.object({
  device: deviceSchema,
  candidates: z.array(deviceCandidateSchema),
});
export type DeviceReviewItem = z.infer<typeof deviceReviewItemSchema>;

export const deviceReviewQuerySchema = paginationQuerySchema.extend({
  acsServerId: z.uuid().optional(),
  matchState: z.enum(['unmatched', 'ambiguous']).optional(),
});
export type DeviceReviewQuery = z.infer<typeof deviceReviewQuerySchema>;

/** The ONT serial recorded at installation, used to match the device when PPPoE does not. */
export const setOntSerialSchema = z.strictObject({
  serial: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^\p{Cc}]*$/u, { message: 'must not contain control characters' })
    .nullable(),
});
export type SetOntSerial = z.infer<typeof setOntSerialSchema>;
export const ontSerialSchema = z.object({
  subscriptionId: z.uuid(),
  serial: z.string().nullable(),
});
export type OntSerial = z.infer<typeof ontSerialSchema>;

// ---- Actions --------------------------------------------------------------------------------------

/** 1-32 bytes of UTF-8, no control characters (802.11 SSIDs are at most 32 octets). */
export const wifiSsidSchema = z
  .string()
  .min(1)
  .regex(/^[^\p{Cc}]*$/u, { message: 'must not contain control characters' })
  .refine((s) => new TextEncoder().encode(s).length <= 32, { message: 'at most 32 bytes' })
  .refine((s) => s.trim() === s, { message: 'must not start or end with a space' });

/** WPA2-PSK passphrase: 8-63 printable ASCII characters. */
export const wifiPasswordSchema = z
  .string()
  .min(8, { message: 'at least 8 characters' })
  .max(63, { message: 'at most 63 characters' })
  .regex(/^[\x20-\x7E]*$/, { message: 'printable ASCII characters only' });

export const wifiActionSchema = z
  .strictObject({
    ssid: wifiSsidSchema.optional(),
    password: wifiPasswordSchema.optional(),
    /** SSID instances to change (see `ssids[].index`); default every SSID the device has. */
    indexes: z.array(z.number().int().min(1).max(64)).min(1).max(8).optional(),
  })
  .refine((v) => v.ssid !== undefined || v.password !== undefined, {
    message: 'ssid or password is required',
  });
export type WifiAction = z.infer<typeof wifiActionSchema>;

/** Reboot and refresh take no options. */
export const deviceActionSchema = z.strictObject({});

/** Factory reset wipes the customer's settings: the caller types the device's serial to confirm. */
export const factoryResetActionSchema = z.strictObject({
  confirm: z.string().max(100),
});
export type FactoryResetAction = z.infer<typeof factoryResetActionSchema>;

// ---- Portal ---------------------------------------------------------------------------------------

/** What a customer sees of their own device: no ACS ids, no secrets. */
export const portalDeviceSchema = z.object({
  id: z.uuid(),
  subscriptionId: z.uuid().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  online: z.boolean(),
  lastInformAt: z.string().nullable(),
  ssids: z.array(deviceSsidSchema),
  hostsCount: z.number().int().nullable(),
  /** The newest WiFi change and its state, so the page can show "being applied". */
  lastWifiTask: z
    .object({
      id: z.uuid(),
      status: deviceTaskStatusSchema,
      createdAt: z.string(),
      completedAt: z.string().nullable(),
      fault: deviceTaskFaultSchema.nullable(),
    })
    .nullable(),
});
export type PortalDevice = z.infer<typeof portalDeviceSchema>;

export const portalDeviceTaskSchema = z.object({
  id: z.uuid(),
  kind: deviceTaskKindSchema,
  status: deviceTaskStatusSchema,
  params: z.record(z.string(), z.unknown()),
  fault: deviceTaskFaultSchema.nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type PortalDeviceTask = z.infer<typeof portalDeviceTaskSchema>;
