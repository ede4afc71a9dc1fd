import { cleanText } from '../../platform/text.js';
/**
 * Pure decisions of the file store: which types we accept (judged by their bytes), how a file name
 * is cleaned, and how it travels back in Content-Disposition.
 */

export const FILE_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], inline: true },
  png: { contentType: 'image/png', extensions: ['png'], inline: true },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], inline: true },
  gif: { contentType: 'image/gif', extensions: ['gif'], inline: true },
  webp: { contentType: 'image/webp', extensions: ['webp'], inline: true },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], inline: false },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], inline: false },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], inline: false },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], inline: false },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'], inline: false },
  odp: { contentType: 'application/vnd.oasis.opendocument.presentation', extensions: ['odp'], inline: false },
  doc: { contentType: 'application/msword', extensions: ['doc'], inline: false },
  xls: { contentType: 'application/vnd.ms-excel', extensions: ['xls'], inline: false },
  ppt: { contentType: 'application/vnd.ms-powerpoint', extensions: ['ppt'], inline: false },
  txt: { contentType: 'text/plain; charset=utf-8', extensions: ['txt'], inline: false },
  mp3: { contentType: 'audio/mpeg', extensions: ['mp3'], inline: true },
  m4a: { contentType: 'audio/mp4', extensions: ['m4a'], inline: true },
  mp4: { contentType: 'video/mp4', extensions: ['mp4', 'm4v'], inline: true },
} as const satisfies Record<string, { contentType: string; extensions: readonly string[]; inline: boolean }>;

export type FileTypeId = keyof typeof FILE_TYPES;

/** How many leading bytes detection needs. */
export const SNIFF_BYTES = 4096;

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function startsWith(head: Buffer, bytes: number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((b, i) => head[offset + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The type of a file from its first bytes. Containers shared by several formats (ZIP for OOXML and
 * OpenDocument, OLE for legacy Office) are told apart by the name's extension, which must agree
 * with the container; plain text has no signature, so it must be valid UTF-8 without control characters.
 * Returns null for anything not on the list, whatever its extension claims.
 */
export function detectFileType(head: Buffer, fileName: string): FileTypeId | null {
  const ext = extensionOf(fileName);
  if (startsWith(head, ascii('%PDF-'))) return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(head, ascii('ftyp'), 4)) {
    const brand = head.subarray(8, 12).toString('latin1');
    return brand === 'M4A ' ? 'm4a' : 'mp4';
  }
  if (startsWith(head, ascii('ID3')) || (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && head[1] !== 0xff)) return 'mp3';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // ZIP: OpenDocument stores an uncompressed "mimetype" entry first; OOXML carries [Content_Types].xml.
    const text = head.toString('latin1');
    if (ext === 'odt' || ext === 'ods' || ext === 'odp') {
      const odf = { odt: 'opendocument.text', ods: 'opendocument.spreadsheet', odp: 'opendocument.presentation' }[ext];
      return text.slice(30, 38) === 'mimetype' && text.includes(`application/vnd.oasis.${odf}`) ? ext : null;
    }
    if ((ext === 'docx' || ext === 'xlsx' || ext === 'pptx') && (text.includes('[Content_Types].xml') || text.includes('_rels/.rels'))) return ext;
    return null;
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return ext === 'doc' || ext === 'xls' || ext === 'ppt' ? ext : null;
  }
  if (ext === 'txt' && looksLikeUtf8Text(head)) return 'txt';
  return null;
}

function looksLikeUtf8Text(head: Buffer): boolean {
  // control characters other than tab, line feed, form feed and carriage return mean binary
  for (const b of head) if ((b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) || b === 0x7f) return false;
  // the sniffed head may cut a multi-byte character in two: drop an incomplete tail before decoding
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = head[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * The name a person gave the file, safe to keep: no directories (browsers on Windows send
 * "C:\fakepath\…"), no control characters, at most 255 characters, never empty.
 */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // NUL, controls, direction overrides and zero-width characters go (the shared rule: platform/text.ts)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters it removes
  const cleaned = cleanText(base.replace(/[\u0000-\u001f\u007f]/g, ''), 'name').trim();
  if (!cleaned || cleaned === '.' || cleaned === '..') return 'file';
  if (cleaned.length <= 255) return cleaned;
  const ext = extensionOf(cleaned);
  return ext && ext.length < 16 ? `${cleaned.slice(0, 254 - ext.length)}.${ext}` : cleaned.slice(0, 255);
}

/**
 * `attachment; filename="Ata-ana_.pdf"; filename*=UTF-8''%D0%90%D1%82%D0%B0…` — RFC 6266 with the
 * RFC 5987 form, so Kazakh and Russian names survive, and a plain-ASCII fallback for old clients.
 */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
