/** The public page of an e-textbook: plain HTML without script or styles to fetch (about 1 KB), for slow links. */

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const T = {
  kk: { open: 'Электрондық нұсқасын ашу', none: 'Электрондық нұсқасы әлі жүктелмеген', grade: 'сынып', size: 'Көлемі' },
  ru: { open: 'Открыть электронную версию', none: 'Электронная версия ещё не загружена', grade: 'класс', size: 'Размер' },
  en: { open: 'Open the e-book', none: 'The e-book is not uploaded yet', grade: 'grade', size: 'Size' },
} as const;

export function textbookPage(
  t: {
    id: number;
    title: string;
    grade: number;
    subject: string;
    language: string;
    publisher: string;
    year: number;
    isbn: string;
    eVersionUrl: string | null;
    eVersionBytes: number | null;
  },
  acceptLanguage: string,
): string {
  const lang = /^\s*kk/i.test(acceptLanguage)
    ? 'kk'
    : /^\s*ru/i.test(acceptLanguage)
      ? 'ru'
      : /^\s*en/i.test(acceptLanguage)
        ? 'en'
        : t.language === 'ru'
          ? 'ru'
          : 'kk';
  const x = T[lang];
  const safeUrl = t.eVersionUrl && /^(https?:\/\/|\/)/.test(t.eVersionUrl) ? t.eVersionUrl : null;
  const size = t.eVersionBytes ? ` · ${x.size}: ${(t.eVersionBytes / 1_048_576).toFixed(1)} MB` : '';
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(t.title)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:1em auto;padding:0 1em">` +
    `<h1 style="font-size:1.3em">${esc(t.title)}</h1><p>${t.grade} ${x.grade} · ${esc(t.subject)} · ${esc(t.publisher)}, ${t.year}<br>ISBN ${esc(t.isbn)}</p>` +
    (safeUrl ? `<p><a href="${esc(safeUrl)}" style="font-size:1.2em">${x.open}</a>${size}</p>` : `<p>${x.none}</p>`) +
    '</body></html>'
  );
}
