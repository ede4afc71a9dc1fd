import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { paperUrl } from '../api.js';

/**
 * "Print and download": links to the server-made papers (PDF with Kazakh letters embedded) and
 * sheets (CSV/XLSX). Plain links with `download`, so the browser saves the file under its name.
 */
export function Papers({ children, id = 'l-papers' }: { children: ReactNode; id?: string }) {
  const { t } = useTranslation('learning');
  return (
    <section className="l-papers" aria-labelledby={id}>
      <h2 id={id} className="l-papers__title">
        {t('print.title')}
      </h2>
      <ul className="l-links">{children}</ul>
    </section>
  );
}

export function PaperLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <li>
      <a href={href} download>
        {children}
      </a>
    </li>
  );
}

/** Every month a term touches, as YYYY-MM. */
export function monthsOf(startsOn: string, endsOn: string): string[] {
  const out: string[] = [];
  let [y, m] = startsOn.slice(0, 7).split('-').map(Number) as [number, number];
  const last = endsOn.slice(0, 7);
  for (let guard = 0; guard < 24; guard += 1) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The journal page of a month (a picker of the term's months, today's by default) and the marks of this subject as CSV/XLSX. */
export function JournalPapers({
  classId,
  subjectId,
  term,
  today,
}: {
  classId: number;
  subjectId: number;
  term: { id: number; startsOn: string; endsOn: string } | null;
  today: string | null;
}) {
  const { t, i18n } = useTranslation('learning');
  const lang = i18n.language;
  const months = term ? monthsOf(term.startsOn, term.endsOn) : [];
  const fallback = today && months.includes(today.slice(0, 7)) ? today.slice(0, 7) : (months[0] ?? today?.slice(0, 7) ?? '');
  const [picked, setMonth] = useState<string | null>(null);
  const month = picked ?? fallback;
  const label = (mm: string) => new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${mm}-01T00:00:00Z`));
  return (
    <Papers>
      {months.length > 1 && (
        <li className="field l-papers__month">
          <label htmlFor="l-paper-month">{t('print.month')}</label>
          <select id="l-paper-month" value={month} onChange={(e) => setMonth(e.target.value)}>
            {months.map((mm) => (
              <option key={mm} value={mm}>
                {label(mm)}
              </option>
            ))}
          </select>
        </li>
      )}
      <PaperLink href={paperUrl.journalPage(classId, subjectId, month, lang)}>{t('print.journalPage')}</PaperLink>
      <PaperLink href={paperUrl.classMarks(classId, 'csv', lang, { termId: term?.id, subjectId })}>{t('print.marksCsv')}</PaperLink>
      <PaperLink href={paperUrl.classMarks(classId, 'xlsx', lang, { termId: term?.id, subjectId })}>{t('print.marksXlsx')}</PaperLink>
    </Papers>
  );
}
