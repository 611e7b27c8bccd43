import { z } from 'zod';

export const paginationQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export function pageSchema<T extends z.ZodType>(
  item: T,
): z.ZodObject<{
  data: z.ZodArray<T>;
  nextCursor: z.ZodNullable<z.ZodString>;
}> {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
