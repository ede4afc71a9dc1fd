import { z } from 'zod';

/** Schemas shared by the server (validation, OpenAPI) and the web (types). */
export const languageSchema = z.enum(['kk', 'ru', 'en']);
export const localisedName = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
/**
 * The largest id the API accepts: PostgreSQL's `integer` (int4) maximum. Most tables' ids are int4, and
 * one rule for every id means an out-of-range id answers the same 400 as `abc` or `-1` everywhere
 * (never a database error). A table whose ids may one day outgrow it needs a wider id type on purpose.
 */
export const MAX_ID = 2 ** 31 - 1;
/** An id in a path or query string (text, coerced). */
export const idSchema = z.coerce.number().int().positive().max(MAX_ID);
/** An id in a JSON body (a number, never coerced). */
export const bodyId = z.number().int().positive().max(MAX_ID);
export const idParam = z.object({ id: idSchema }).strict();
export const paginationQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), page: z.number(), pageSize: z.number(), total: z.number() });
}
