import { z } from 'zod';
import { abilitySchema, roleSchema } from './rbac.ts';

export const localeSchema = z.enum(['id', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be a valid email address' }));

/** Long passphrases are welcome; the upper bound only keeps hashing cost bounded. */
export const passwordSchema = z.string().min(10).max(200);

export const loginRequestSchema = z.strictObject({
  // Not checked as an address (a wrong one gets the same 401 as a wrong password), but a control
  // character can never be part of one and must not reach the database.
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(254)
    .regex(/^[^\p{Cc}]*$/u, { message: 'must not contain control characters' }),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  locale: localeSchema,
  abilities: z.array(abilitySchema),
  /** How the request was authenticated; API tokens never get a CSRF token. */
  authMethod: z.enum(['session', 'token']),
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const loginResponseSchema = z.object({ user: meSchema, csrfToken: z.string() });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const sessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

export const idParamSchema = z.strictObject({ id: z.uuid() });
