import { z } from 'zod';

/** Schemas shared by the server (validation, OpenAPI) and the web (types). */
export const languageSchema = z.enum(['kk', 'ru', 'en']);
export const localisedName = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
export const idParam = z.object({ id: z.coerce.number().int().positive().max(2 ** 53 - 1) }).strict();
export const paginationQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), page: z.number(), pageSize: z.number(), total: z.number() });
}
