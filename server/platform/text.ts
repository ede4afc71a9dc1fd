import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/**
 * Input text hygiene, applied to every request in one place (see `registerInputHygiene`) and to the
 * text Sabaq reads from files (import sheets, upload file names) with `cleanText`.
 *
 * - NUL (U+0000) is refused: PostgreSQL cannot store it in text, and no person types it.
 * - Invisible characters that change how text *looks* without being seen are removed: bidirectional
 *   overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069: "right-to-left override"
 *   spoofing such as `exe.pdf` shown for `fdp.exe`), direction marks (U+200E, U+200F, U+061C),
 *   zero-width space, word joiner and BOM (U+200B, U+2060, U+FEFF), and the C0/C1 control
 *   characters except tab, line feed and carriage return.
 * - In names and titles (`kind: 'name'`) zero-width joiners/non-joiners (U+200C, U+200D) go too: they
 *   make two identical-looking names differ. In free text they stay (they join emoji).
 * - Everything is put in Unicode NFC, so "й" typed as й or as и + combining breve is one name.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it removes
const CONTROLS = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
const JOINERS = /[\u200C\u200D]/g;

export type TextKind = 'name' | 'text';

/** The text with invisible and direction-changing characters removed, in NFC. Keeps NUL (see hasNul). */
export function cleanText(value: string, kind: TextKind = 'text'): string {
  let out = value.replace(CONTROLS, '');
  if (kind === 'name') out = out.replace(JOINERS, '');
  return out.normalize('NFC');
}

export function hasNul(value: string): boolean {
  return value.includes('\u0000');
}

/** Keys whose values are names or titles (stricter cleaning). */
const NAME_KEY = /(^|[a-z_])(name|names|title|filename|fileName|label)$/i;
/** Keys whose values are never altered (secrets must reach the hash exactly as typed). */
const SECRET_KEY = /password|secret|token|code$/i;

export const invalidCharacter = (where: string) =>
  new AppError('request.invalid_character', 400, `${where} contains the NUL character (\\u0000), which text may not hold`, { field: where });

/**
 * Walks a parsed JSON body, query or params: throws on NUL anywhere, and cleans every string in
 * place (except under secret keys). Returns the cleaned value.
 */
export function sanitiseInput(value: unknown, where: string, key = ''): unknown {
  if (typeof value === 'string') {
    if (hasNul(value)) throw invalidCharacter(where);
    if (SECRET_KEY.test(key)) return value;
    return cleanText(value, NAME_KEY.test(key) ? 'name' : 'text');
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = sanitiseInput(value[i], `${where}[${i}]`, key);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      if (hasNul(k)) throw invalidCharacter(where);
      obj[k] = sanitiseInput(obj[k], where ? `${where}.${k}` : k, k);
    }
    return obj;
  }
  return value;
}

/** One hook for every route: NUL → 400 `request.invalid_character`; invisible characters removed. */
export function registerInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.params && typeof request.params === 'object') sanitiseInput(request.params, 'params');
    if (request.query && typeof request.query === 'object') sanitiseInput(request.query, 'query');
    if (request.body !== undefined && request.body !== null) {
      if (typeof request.body === 'string') request.body = sanitiseInput(request.body, 'body');
      else if (typeof request.body === 'object' && !Buffer.isBuffer(request.body)) sanitiseInput(request.body, 'body');
    }
  });
}
