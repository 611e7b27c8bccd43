import { z } from 'zod';
import { abilitySchema } from './rbac.ts';
import { plainTextNameSchema } from './text.ts';

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  abilities: z.array(abilitySchema),
  /** First characters of the token, so an operator can tell tokens apart. */
  prefix: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createTokenSchema = z.strictObject({
  name: plainTextNameSchema(100),
  abilities: z.array(abilitySchema).min(1).max(64),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type CreateToken = z.infer<typeof createTokenSchema>;

export const createdTokenSchema = z.object({
  token: apiTokenSchema,
  /** Shown once; only its hash is stored. */
  plainTextToken: z.string(),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;
