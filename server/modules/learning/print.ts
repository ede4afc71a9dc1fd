import type { Diary, PupilSummary } from '../../../contracts/learning.js';
import { writeCsv, writeXlsx, type Column } from '../../platform/export/index.js';
import { createPdf, finishPdf, table, type Pdf } from '../../platform/pdf/index.js';
import type { Language } from '../identity/identity.actor.js';
import type { JournalMonthRow, MarkExportRow, PaperHeading } from './print.repository.js';
import { ASSESSMENT_SHORT, ATTENDANCE_CODE, ATTENDANCE_NAME, TERM_NAME, WORDS, clockTime, dotted, longDate, monthName, personName } from './print.labels.js';

/**
 * The e-journal's printed papers (through platform/pdf: DejaVu Sans embedded, so Kazakh letters
 * render everywhere) and the marks export (through platform/export: BOM, formula-safe cells). Pure:
 * data in, bytes out; the routes decide who may have them.
 */

const footer = (lang: Language, today: string) => `Sabaq · ${WORDS.printed[lang]} ${dotted(today)}`;
const markCell = (m: { kind: string; score: number; max: number }) => (m.kind === 'formative' ? String(m.score) : `${m.score}/${m.max}`);

function headingLine(h: PaperHeading, lang: Language, more: (string | null | undefined)[] = []): string {
  return [
    h.organisation?.[lang],
    h.className ? `${WORDS.class[lang]}: ${h.className}` : null,
    h.homeroom ? `${WORDS.homeroom[lang]}: ${personName(h.homeroom)}` : null,
    ...more,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A pupil's week: each day a heading and a table of its lessons (time, subject, topic, homework set, mark, attendance). */
export async function renderDiaryWeek(d: Diary, h: PaperHeading, lang: Language): Promise<Buffer> {
  const doc = createPdf({
    title: `${WORDS.diaryTitle[lang]}: ${personName(d.pupil)}`,
    language: lang,
    subtitle: headingLine(h, lang, [`${WORDS.week[lang]}: ${dotted(d.from)} — ${dotted(d.to)}`]),
  });
  const tz = d.timeZone ?? h.timeZone;
  for (let day = d.from; day <= d.to; day = nextDay(day)) {
    const lessons = d.lessons.filter((l) => l.date === day);
    if (!lessons.length && isWeekend(day)) continue;
    ensureRoom(doc, 60);
    doc
      .font('bold')
      .fontSize(11)
      .text(capitalise(longDate(day, lang)));
    doc.font('regular').fontSize(10).moveDown(0.2);
    if (!lessons.length) {
      doc.fillColor('#555').text(WORDS.noLessons[lang]).fillColor('#000').moveDown(0.5);
      continue;
    }
    table(
      doc,
      [
        { header: WORDS.number[lang], width: 0.6, align: 'right', value: (l) => l.periodNumber ?? '' },
        { header: WORDS.time[lang], width: 1.6, value: (l) => `${clockTime(l.startsAt, tz)}–${clockTime(l.endsAt, tz)}` },
        { header: WORDS.subject[lang], width: 3, value: (l) => l.subject.name[lang] + (l.cancelled ? ` (${WORDS.cancelled[lang]})` : '') },
        { header: WORDS.topic[lang], width: 3.4, value: (l) => l.topic },
        {
          header: WORDS.homework[lang],
          width: 3.4,
          value: (l) => l.homeworkSet.map((hw) => `${hw.title} (${WORDS.due[lang]} ${dotted(localDay(hw.dueAt, tz))})`).join('\n'),
        },
        { header: WORDS.mark[lang], width: 1.1, align: 'center', value: (l) => (l.mark ? markCell(l.mark) : '') },
        {
          header: WORDS.attendance[lang],
          width: 1.6,
          value: (l) => (l.attendance && l.attendance.status !== 'present' ? ATTENDANCE_NAME[l.attendance.status][lang] : ''),
        },
      ],
      lessons,
      { fontSize: 8.5 },
    );
  }
  return finishPdf(doc, footer(lang, d.today));
}

/** A pupil's term: per subject the components and the result, attendance per subject and in total. */
export async function renderReportCard(s: PupilSummary, h: PaperHeading, lang: Language, today: string): Promise<Buffer> {
  const termLine = s.term ? `${TERM_NAME[s.term.kind][lang](s.term.number)} (${dotted(s.term.startsOn)} — ${dotted(s.term.endsOn)})` : null;
  const doc = createPdf({ title: `${WORDS.reportTitle[lang]}: ${personName(s.pupil)}`, language: lang, subtitle: headingLine(h, lang, [termLine]) });
  type Row = PupilSummary['subjects'][number];
  const n = (v: number | null) => (v === null ? '—' : String(v));
  const star = (r: Row['result']) => (r.complete ? '' : '*');
  const attendance = [
    { header: WORDS.absent[lang], width: 1.3, align: 'right' as const, value: (r: Row) => r.attendance.absent },
    { header: WORDS.late[lang], width: 1.3, align: 'right' as const, value: (r: Row) => r.attendance.late },
  ];
  if (s.grading === 'criteria') {
    table(
      doc,
      [
        { header: WORDS.subject[lang], width: 4, value: (r) => r.subject.name[lang] },
        { header: WORDS.marksCount[lang], width: 1.1, align: 'right', value: (r) => r.marks.length },
        {
          header: `${ASSESSMENT_SHORT.formative[lang]}, %`,
          width: 1.2,
          align: 'right',
          value: (r) => (r.result.system === 'criteria' ? n(r.result.components.formative) : ''),
        },
        {
          header: `${ASSESSMENT_SHORT.section[lang]}, %`,
          width: 1.2,
          align: 'right',
          value: (r) => (r.result.system === 'criteria' ? n(r.result.components.section) : ''),
        },
        {
          header: `${ASSESSMENT_SHORT.term[lang]}, %`,
          width: 1.2,
          align: 'right',
          value: (r) => (r.result.system === 'criteria' ? n(r.result.components.term) : ''),
        },
        { header: WORDS.percent[lang], width: 1, align: 'right', value: (r) => (r.result.system === 'criteria' ? n(r.result.percent) : '') },
        {
          header: WORDS.grade[lang],
          width: 1,
          align: 'center',
          value: (r) => (r.result.system === 'criteria' && r.result.grade !== null ? `${r.result.grade}${star(r.result)}` : '—'),
        },
        ...attendance,
      ],
      s.subjects,
    );
  } else {
    table(
      doc,
      [
        { header: WORDS.subject[lang], width: 4, value: (r) => r.subject.name[lang] },
        { header: WORDS.rating[lang], width: 1.2, align: 'right', value: (r) => (r.result.system === 'credit' ? n(r.result.rating) : '') },
        { header: WORDS.exam[lang], width: 1.2, align: 'right', value: (r) => (r.result.system === 'credit' ? n(r.result.exam) : '') },
        { header: WORDS.points[lang], width: 1, align: 'right', value: (r) => (r.result.system === 'credit' ? n(r.result.score) : '') },
        {
          header: WORDS.letter[lang],
          width: 1,
          align: 'center',
          value: (r) => (r.result.system === 'credit' && r.result.letter ? `${r.result.letter}${star(r.result)}` : '—'),
        },
        { header: WORDS.gpa[lang], width: 1, align: 'right', value: (r) => (r.result.system === 'credit' ? n(r.result.gpa) : '') },
        ...attendance,
      ],
      s.subjects,
    );
  }
  if (s.subjects.some((r) => !r.result.complete)) doc.fontSize(8).fillColor('#444').text(WORDS.preliminary[lang]).fillColor('#000').fontSize(10);
  doc.moveDown(0.6);
  doc.font('bold').fontSize(11).text(WORDS.attendanceTotal[lang]);
  doc
    .font('regular')
    .fontSize(10)
    .text((['present', 'absent', 'late', 'excused'] as const).map((k) => `${ATTENDANCE_NAME[k][lang]}: ${s.attendance[k]}`).join(' · '));
  return finishPdf(doc, footer(lang, today));
}

/** How many lesson columns fit on a landscape page beside the names. */
const LESSONS_PER_TABLE = 22;

/** A journal page: pupils × the month's lessons (marks and attendance codes), then the lessons' topics and homework. */
export async function renderJournalMonth(
  j: JournalMonthRow & { subject: NonNullable<JournalMonthRow['subject']> },
  month: string,
  lang: Language,
): Promise<Buffer> {
  const doc = createPdf({
    title: `${WORDS.journalTitle[lang]}: ${j.class.name} · ${j.subject.name[lang]}`,
    language: lang,
    landscape: true,
    subtitle: [j.organisation[lang], monthName(month, lang), j.teachers.length ? `${WORDS.teacher[lang]}: ${j.teachers.map(personName).join(', ')}` : null]
      .filter(Boolean)
      .join(' · '),
  });
  const cell = new Map<string, string[]>();
  const put = (lessonId: number, pupilId: number, text: string, first = false) => {
    const key = `${lessonId}:${pupilId}`;
    const list = cell.get(key) ?? [];
    if (first) list.unshift(text);
    else list.push(text);
    cell.set(key, list);
  };
  for (const m of j.marks) put(m.lessonId, m.pupilId, m.homework ? `${WORDS.homeworkMark[lang]}${markCell(m)}` : markCell(m));
  for (const a of j.attendance) if (a.status !== 'present') put(a.lessonId, a.pupilId, ATTENDANCE_CODE[a.status][lang], true);
  const lessons = j.lessons.filter((l) => !l.cancelled);
  if (!lessons.length) doc.text(WORDS.noLessons[lang]);
  for (let start = 0; start < lessons.length; start += LESSONS_PER_TABLE) {
    const chunk = lessons.slice(start, start + LESSONS_PER_TABLE);
    table(
      doc,
      [
        { header: WORDS.number[lang], width: 0.7, align: 'right', value: (_p, i) => i + 1 },
        { header: WORDS.pupil[lang], width: 7, value: (p) => personName(p) },
        ...chunk.map((l) => ({
          header: `${l.date.slice(8, 10)}.${l.date.slice(5, 7)}${l.assessment !== 'formative' ? `\n${ASSESSMENT_SHORT[l.assessment][lang]}` : ''}`,
          width: 1.35,
          align: 'center' as const,
          value: (p: { id: number }) => (cell.get(`${l.id}:${p.id}`) ?? []).join(' '),
        })),
      ],
      j.pupils,
      { fontSize: 7.5, font: 'condensed' },
    );
  }
  doc
    .fontSize(8)
    .fillColor('#444')
    .text(
      `${WORDS.legend[lang]}: ${(['absent', 'late', 'excused'] as const)
        .map((k) => `${ATTENDANCE_CODE[k][lang]} — ${ATTENDANCE_NAME[k][lang]}`)
        .join('; ')}; ${WORDS.homeworkMark[lang]} — ${WORDS.homework[lang]}`,
    )
    .fillColor('#000')
    .fontSize(10)
    .moveDown(0.6);
  if (lessons.length) {
    ensureRoom(doc, 60);
    doc.font('bold').fontSize(11).text(WORDS.topics[lang]);
    doc.font('regular').fontSize(10).moveDown(0.2);
    table(
      doc,
      [
        { header: WORDS.date[lang], width: 1.2, value: (l) => dotted(l.date) },
        { header: WORDS.kind[lang], width: 1.4, value: (l) => ASSESSMENT_SHORT[l.assessment][lang] + (l.assessmentMax ? ` (${l.assessmentMax})` : '') },
        { header: WORDS.topic[lang], width: 6, value: (l) => l.topic },
        { header: WORDS.homework[lang], width: 6, value: (l) => l.homework.join('\n') },
      ],
      lessons,
      { fontSize: 8.5 },
    );
  }
  return finishPdf(doc, footer(lang, j.today));
}

/** Every mark of a class in a term as a sheet: one row per mark, numbers as numbers. */
export async function renderMarksExport(rows: MarkExportRow[], lang: Language, format: 'csv' | 'xlsx', sheetName: string): Promise<Buffer> {
  const columns: Column<MarkExportRow>[] = [
    { header: WORDS.pupil[lang], value: (r) => personName(r.pupil), width: 32 },
    { header: WORDS.subject[lang], value: (r) => r.subject[lang], width: 24 },
    { header: WORDS.date[lang], value: (r) => r.date, width: 12 },
    { header: WORDS.kind[lang], value: (r) => ASSESSMENT_SHORT[r.kind][lang], width: 12 },
    { header: WORDS.score[lang], value: (r) => r.score, width: 8 },
    { header: WORDS.max[lang], value: (r) => r.max, width: 10 },
    { header: WORDS.homework[lang], value: (r) => r.homework, width: 28 },
    { header: WORDS.comment[lang], value: (r) => r.comment, width: 32 },
  ];
  return format === 'csv' ? writeCsv(columns, rows) : writeXlsx(columns, rows, { sheetName });
}

// ── helpers ────────────────────────────────────────────────────────────────
function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
function isWeekend(isoDate: string): boolean {
  const wd = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return wd === 0 || wd === 6;
}
function localDay(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}
const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
/** A heading is never left alone at the foot of a page. */
function ensureRoom(doc: Pdf, points: number): void {
  if (doc.y + points > doc.page.height - doc.page.margins.bottom - 14) doc.addPage();
}
