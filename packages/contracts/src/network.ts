import { z } from 'zod';
import { paginationQuerySchema } from './pagination.ts';
import { rupiahOutSchema, rupiahSchema } from './money.ts';
import { freeTextSchema, plainTextNameSchema, searchTextSchema } from './text.ts';

const name = plainTextNameSchema(100);
const notes = freeTextSchema(2000).nullable().optional();
/** One-line values sent to a router (user names, pool names): no spaces or control chars. */
const NO_CONTROL = /^[^\p{Cc}]*$/u;
const routerToken = z
  .string()
  .trim()
  .max(64)
  .regex(/^[^\s\p{Cc}]*$/u, { message: 'must not contain spaces or control characters' });
const latitude = z.number().min(-90).max(90).nullable().optional();
const longitude = z.number().min(-180).max(180).nullable().optional();

/** A host name or IPv4/IPv6 address a router answers on. */
export const routerAddressSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, { message: 'must be a host name or IP address' });

export const routerTransportSchema = z.enum(['api', 'api-ssl', 'rest']);
export const tlsModeSchema = z.enum(['verify', 'fingerprint', 'anonymous']);
export const isolationModeSchema = z.enum(['disable', 'profile']);
export const codepageSchema = z.enum(['windows-1252', 'utf-8']);

/** `a.b.c.d-e.f.g.h`: the isolation pool's address range. */
export const ipRangeSchema = z
  .string()
  .trim()
  .regex(/^(\d{1,3}\.){3}\d{1,3}-(\d{1,3}\.){3}\d{1,3}$/, {
    message: 'must be a range like 172.30.0.2-172.30.255.254',
  });

const routerFields = {
  name,
  addresses: z.array(routerAddressSchema).min(1).max(4),
  port: z.number().int().min(1).max(65535).optional(),
  transport: routerTransportSchema.default('api'),
  tlsMode: tlsModeSchema.default('verify'),
  tlsFingerprint: z
    .string()
    .trim()
    .regex(/^([0-9A-Fa-f]{2}:?){32}$/, { message: 'must be a SHA-256 fingerprint' })
    .nullable()
    .optional(),
  username: z
    .string()
    .min(1)
    .max(100)
    .regex(NO_CONTROL, { message: 'must not contain control characters' }),
  password: z
    .string()
    .max(200)
    .regex(NO_CONTROL, { message: 'must not contain control characters' }),
  codepage: codepageSchema.default('windows-1252'),
  siteId: z.uuid().nullable().optional(),
  latitude,
  longitude,
  notes,
  isolationMode: isolationModeSchema.default('profile'),
  isolationPool: ipRangeSchema.optional(),
};

export const createRouterSchema = z.strictObject({
  ...routerFields,
  /**
   * Connect and log in before saving; an unreachable router or wrong credentials are refused
   * (422) and nothing is saved. Off to pre-register a router that is not reachable yet.
   */
  verify: z.boolean().default(false),
});
export type CreateRouter = z.infer<typeof createRouterSchema>;

export const updateRouterSchema = z
  .strictObject({
    name: routerFields.name.optional(),
    addresses: routerFields.addresses.optional(),
    port: routerFields.port,
    transport: routerTransportSchema.optional(),
    tlsMode: tlsModeSchema.optional(),
    tlsFingerprint: routerFields.tlsFingerprint,
    username: routerFields.username.optional(),
    password: routerFields.password.optional(),
    codepage: codepageSchema.optional(),
    siteId: routerFields.siteId,
    latitude,
    longitude,
    notes,
    isolationMode: isolationModeSchema.optional(),
    isolationPool: ipRangeSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
export type UpdateRouter = z.infer<typeof updateRouterSchema>;

export const routerSchema = z.object({
  id: z.string(),
  name: z.string(),
  addresses: z.array(z.string()),
  port: z.number(),
  transport: routerTransportSchema,
  tlsMode: tlsModeSchema,
  tlsFingerprint: z.string().nullable(),
  username: z.string(),
  codepage: codepageSchema,
  rosVersion: z.string().nullable(),
  identity: z.string().nullable(),
  board: z.string().nullable(),
  siteId: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  notes: z.string().nullable(),
  isolationMode: isolationModeSchema,
  isolationPool: z.string(),
  status: z.object({
    online: z.boolean().nullable(),
    lastSeenAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
  sync: z.object({
    /** True while changes are waiting to reach the router. */
    pending: z.boolean(),
    lastSyncAt: z.string().nullable(),
    lastSyncError: z.string().nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Router = z.infer<typeof routerSchema>;

export const routerTestResultSchema = z.object({
  ok: z.boolean(),
  latencyMs: z.number(),
  identity: z.string().nullable(),
  version: z.string().nullable(),
  board: z.string().nullable(),
  uptime: z.string().nullable(),
  address: z.string().nullable(),
  error: z.string().nullable(),
});
export type RouterTestResult = z.infer<typeof routerTestResultSchema>;

/** Connection settings to try before saving a router. */
export const testRouterConnectionSchema = z.strictObject({
  addresses: routerFields.addresses,
  port: routerFields.port,
  transport: routerTransportSchema.default('api'),
  tlsMode: tlsModeSchema.default('verify'),
  tlsFingerprint: routerFields.tlsFingerprint,
  username: routerFields.username,
  password: routerFields.password,
  codepage: codepageSchema.default('windows-1252'),
});
export type TestRouterConnection = z.infer<typeof testRouterConnectionSchema>;

export const DEFAULT_ROUTER_PORTS = { api: 8728, 'api-ssl': 8729, rest: 443 } as const;

export const listRoutersQuerySchema = paginationQuerySchema.extend({
  q: searchTextSchema(100).optional(),
  siteId: z.uuid().optional(),
});

export const planTypeSchema = z.enum(['pppoe', 'hotspot', 'static']);
export const billingPeriodSchema = z.enum(['monthly', 'quarterly', 'yearly']);

const kbps = z.number().int().min(8).max(100_000_000);

const planFields = {
  name,
  type: planTypeSchema,
  downloadKbps: kbps,
  uploadKbps: kbps,
  burst: z
    .strictObject({
      downloadKbps: kbps,
      uploadKbps: kbps,
      thresholdDownloadKbps: kbps,
      thresholdUploadKbps: kbps,
      seconds: z.number().int().min(1).max(3600),
    })
    .nullable()
    .optional(),
  price: rupiahSchema,
  taxRateBp: z.number().int().min(0).max(10_000).default(1100),
  billingPeriod: billingPeriodSchema.default('monthly'),
  localAddress: routerToken.nullable().optional(),
  remotePool: routerToken.nullable().optional(),
  sharedUsers: z.number().int().min(1).max(100).default(1),
  routerIds: z.array(z.uuid()).max(500).default([]),
  active: z.boolean().default(true),
};

export const createPlanSchema = z.strictObject(planFields);
export type CreatePlan = z.infer<typeof createPlanSchema>;
export const updatePlanSchema = z
  .strictObject({
    name: planFields.name.optional(),
    downloadKbps: kbps.optional(),
    uploadKbps: kbps.optional(),
    burst: planFields.burst,
    price: rupiahSchema.optional(),
    taxRateBp: z.number().int().min(0).max(10_000).optional(),
    billingPeriod: billingPeriodSchema.optional(),
    localAddress: planFields.localAddress,
    remotePool: planFields.remotePool,
    sharedUsers: z.number().int().min(1).max(100).optional(),
    routerIds: z.array(z.uuid()).max(500).optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
export type UpdatePlan = z.infer<typeof updatePlanSchema>;

export const planSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: planTypeSchema,
  profileName: z.string(),
  downloadKbps: z.number(),
  uploadKbps: z.number(),
  burst: z
    .object({
      downloadKbps: z.number(),
      uploadKbps: z.number(),
      thresholdDownloadKbps: z.number(),
      thresholdUploadKbps: z.number(),
      seconds: z.number(),
    })
    .nullable(),
  /** The RouterOS rate-limit string built from the rates above. */
  rateLimit: z.string(),
  price: rupiahOutSchema,
  taxRateBp: z.number(),
  billingPeriod: billingPeriodSchema,
  localAddress: z.string().nullable(),
  remotePool: z.string().nullable(),
  sharedUsers: z.number(),
  routerIds: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Plan = z.infer<typeof planSchema>;

export const siteKindSchema = z.enum(['area', 'pop']);
export const createSiteSchema = z.strictObject({
  name,
  kind: siteKindSchema,
  parentId: z.uuid().nullable().optional(),
  latitude,
  longitude,
  notes,
});
export const siteSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: siteKindSchema,
  parentId: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  notes: z.string().nullable(),
});
export type Site = z.infer<typeof siteSchema>;

export const odpKindSchema = z.enum(['odc', 'odp']);
export const createOdpSchema = z.strictObject({
  name,
  kind: odpKindSchema,
  parentId: z.uuid().nullable().optional(),
  siteId: z.uuid().nullable().optional(),
  latitude,
  longitude,
  capacity: z.number().int().min(1).max(1024),
  notes,
});
export const odpSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: odpKindSchema,
  parentId: z.string().nullable(),
  siteId: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  capacity: z.number(),
  used: z.number(),
  notes: z.string().nullable(),
});
export type Odp = z.infer<typeof odpSchema>;

export const listPlansQuerySchema = paginationQuerySchema.extend({
  q: searchTextSchema(100).optional(),
  type: planTypeSchema.optional(),
  routerId: z.uuid().optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type ListPlansQuery = z.infer<typeof listPlansQuerySchema>;
export type ListRoutersQuery = z.infer<typeof listRoutersQuerySchema>;

export const updateSiteSchema = z
  .strictObject({
    name: name.optional(),
    kind: siteKindSchema.optional(),
    parentId: z.uuid().nullable().optional(),
    latitude,
    longitude,
    notes,
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
export type CreateSite = z.infer<typeof createSiteSchema>;
export type UpdateSite = z.infer<typeof updateSiteSchema>;
export const listSitesQuerySchema = paginationQuerySchema.extend({
  q: searchTextSchema(100).optional(),
  kind: siteKindSchema.optional(),
  parentId: z.uuid().optional(),
});
export type ListSitesQuery = z.infer<typeof listSitesQuerySchema>;

export const updateOdpSchema = z
  .strictObject({
    name: name.optional(),
    kind: odpKindSchema.optional(),
    parentId: z.uuid().nullable().optional(),
    siteId: z.uuid().nullable().optional(),
    latitude,
    longitude,
    capacity: z.number().int().min(1).max(1024).optional(),
    notes,
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
export type CreateOdp = z.infer<typeof createOdpSchema>;
export type UpdateOdp = z.infer<typeof updateOdpSchema>;
export const listOdpsQuerySchema = paginationQuerySchema.extend({
  q: searchTextSchema(100).optional(),
  kind: odpKindSchema.optional(),
  siteId: z.uuid().optional(),
  parentId: z.uuid().optional(),
});
export type ListOdpsQuery = z.infer<typeof listOdpsQuerySchema>;

/** Router -> ODC/ODP -> customers, for the tree view. Customer lists are capped per node. */
export const topologyTreeQuerySchema = z.strictObject({
  routerId: z.uuid().optional(),
  /** Only the customers attached to this ODP. */
  odpId: z.uuid().optional(),
  /**
   * Customers named per node (at most 5000 in all). Default: 20 when a router or an ODP is
   * asked for, none for the whole network (counts only).
   */
  customersPerNode: z.coerce.number().int().min(0).max(200).optional(),
});
export type TopologyTreeQuery = z.infer<typeof topologyTreeQuerySchema>;

const treeCustomerSchema = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  status: z.string(),
});
const treeCustomersSchema = z.object({
  customerCount: z.number(),
  customers: z.array(treeCustomerSchema),
  /** True when the node has more customers than listed. */
  more: z.boolean(),
});
export const topologyTreeSchema = z.object({
  routers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      online: z.boolean().nullable(),
      customerCount: z.number(),
      /** ODCs and ODPs serving this router's customers; `parentId` links an ODP to its ODC. */
      odps: z.array(
        treeCustomersSchema.extend({
          id: z.string(),
          name: z.string(),
          kind: odpKindSchema,
          parentId: z.string().nullable(),
          capacity: z.number(),
          used: z.number(),
        }),
      ),
      /** This router's customers attached to no ODP. */
      unassigned: treeCustomersSchema,
    }),
  ),
  /** Customers with no live subscription on any router. */
  unrouted: treeCustomersSchema,
});
export type TopologyTree = z.infer<typeof topologyTreeSchema>;

/** `minLon,minLat,maxLon,maxLat`. */
const bboxSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const parts = v.split(',').map((p) => Number(p));
    const [minLon, minLat, maxLon, maxLat] = parts;
    if (
      parts.length !== 4 ||
      parts.some((p) => !Number.isFinite(p)) ||
      minLon === undefined ||
      minLat === undefined ||
      maxLon === undefined ||
      maxLat === undefined ||
      minLon < -180 ||
      maxLon > 180 ||
      minLat < -90 ||
      maxLat > 90 ||
      minLon > maxLon ||
      minLat > maxLat
    ) {
      ctx.addIssue({ code: 'custom', message: 'must be minLon,minLat,maxLon,maxLat' });
      return z.NEVER;
    }
    return { minLon, minLat, maxLon, maxLat };
  });
export const topologyMapQuerySchema = z.strictObject({
  bbox: bboxSchema.optional(),
  limit: z.coerce.number().int().min(1).max(20_000).default(5000),
});
export type TopologyMapQuery = z.infer<typeof topologyMapQuerySchema>;
export const mapPointSchema = z.object({
  kind: z.enum(['router', 'odc', 'odp', 'customer']),
  id: z.string(),
  name: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  /** ODP of a customer, ODC of an ODP. */
  parentId: z.string().nullable(),
  status: z.string().nullable(),
});
export const topologyMapSchema = z.object({
  points: z.array(mapPointSchema),
  /** True when more points fall in the box than `limit`. */
  truncated: z.boolean(),
});
export type TopologyMap = z.infer<typeof topologyMapSchema>;

export const integrationLogEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  system: z.string(),
  routerId: z.string().nullable(),
  subscriptionId: z.string().nullable(),
  customerId: z.string().nullable(),
  operation: z.string(),
  ok: z.boolean(),
  latencyMs: z.number(),
  detail: z.string().nullable(),
  error: z.string().nullable(),
});
export type IntegrationLogEntry = z.infer<typeof integrationLogEntrySchema>;

const menuChangeSchema = z.object({
  op: z.enum(['add', 'set', 'remove']),
  key: z.string(),
  /** Property names that differ; values are not shown (they may be passwords). */
  changed: z.array(z.string()),
});

/** What a reconcile pass would change (drift) or changed. */
export const driftReportSchema = z.object({
  routerId: z.string(),
  revision: z.string(),
  inSync: z.boolean(),
  menus: z.array(
    z.object({
      menu: z.string(),
      path: z.string(),
      changes: z.array(menuChangeSchema),
      conflicts: z.array(z.string()),
    }),
  ),
});
export type DriftReport = z.infer<typeof driftReportSchema>;

/** One profile found on a router, and what importing it would do. */
export const importProfileSchema = z.object({
  profile: z.string(),
  type: z.enum(['pppoe', 'hotspot']),
  rateLimit: z.string().nullable(),
  downloadKbps: z.number().nullable(),
  uploadKbps: z.number().nullable(),
  /** The Jaring plan that already uses this profile name, if any. */
  existingPlanId: z.string().nullable(),
  users: z.number(),
  importable: z.boolean(),
  reason: z.string().nullable(),
});

export const importUserSchema = z.object({
  username: z.string(),
  type: z.enum(['pppoe', 'hotspot']),
  profile: z.string(),
  staticIp: z.string().nullable(),
  disabled: z.boolean(),
  name: z.string(),
  action: z.enum(['import', 'skip']),
  reason: z.string().nullable(),
});

export const routerImportPreviewSchema = z.object({
  routerId: z.string(),
  profiles: z.array(importProfileSchema),
  users: z.array(importUserSchema),
  counts: z.object({ found: z.number(), importable: z.number(), skipped: z.number() }),
});
export type RouterImportPreview = z.infer<typeof routerImportPreviewSchema>;

export const runRouterImportSchema = z.strictObject({
  /** Monthly price of each new plan by profile name; `defaultPrice` for the rest. */
  prices: z.record(z.string().max(64), rupiahSchema).default({}),
  defaultPrice: rupiahSchema.default('0'),
  taxRateBp: z.number().int().min(0).max(10_000).default(1100),
});

export const routerImportResultSchema = z.object({
  plansCreated: z.number(),
  customersCreated: z.number(),
  subscriptionsCreated: z.number(),
  skipped: z.array(z.object({ username: z.string(), reason: z.string() })),
});
export type RouterImportResult = z.infer<typeof routerImportResultSchema>;
