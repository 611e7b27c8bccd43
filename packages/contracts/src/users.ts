import { z } from 'zod';
import { emailSchema, localeSchema, passwordSchema } from './auth.ts';
import { paginationQuerySchema } from './pagination.ts';
import { roleSchema } from './rbac.ts';
import { plainTextNameSchema, searchTextSchema } from './text.ts';

const nameSchema = plainTextNameSchema(120);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  locale: localeSchema,
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const createUserSchema = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
  role: roleSchema,
  locale: localeSchema.default('id'),
});
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    name: nameSchema.optional(),
    role: roleSchema.optional(),
    locale: localeSchema.optional(),
    password: passwordSchema.optional(),
    disabled: z.boolean().optional(),
    /** Clears a lockout caused by failed logins. */
    unlock: z.literal(true).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const listUsersQuerySchema = paginationQuerySchema.extend({
  q: searchTextSchema(120).optional(),
  role: roleSchema.optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const updateMeSchema = z
  .strictObject({
    name: nameSchema.optional(),
    locale: localeSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
