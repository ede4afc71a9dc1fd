import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.js';
import { diaryPdfQuery, journalPdfQuery, marksExportQuery, reportPdfQuery, type Diary } from '../../../contracts/learning.js';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../../platform/export/index.js';
import { PDF_CONTENT_TYPE, pdfDisposition } from '../../platform/pdf/index.js';
import { requireActor } from '../identity/identity.http.js';
import * as diaryRepo from './diary.repository.js';
import { assertCanReadPupil, toSummary } from './diary.routes.js';
import { findClassNode } from './journal.repository.js';
import { classNotFound, pupilNotFound, subjectNotFound, termNotFound } from './learning.errors.js';
import { isHomeroomOf, isOrgAdmin, teaches, teachingAccessWithoutOrg } from './learning.policy.js';
import { addDays, localDateOf, weekStart } from './learning.rules.js';
import type { LearningDeps } from './learning.deps.js';
import { renderDiaryWeek, renderJournalMonth, renderMarksExport, renderReportCard } from './print.js';
import { TERM_NAME, WORDS, personName } from './print.labels.js';
import * as repo from './print.repository.js';

/** A download's name with the ASCII fallback and the UTF-8 form (RFC 6266). */
function disposition(name: string, ext: 'csv' | 'xlsx'): string {
  return pdfDisposition(name).replace(/\.pdf(")?/g, `.${ext}$1`);
}

/**
 * The printable papers (PDF) and the marks export (CSV/XLSX). Each is authorised on its object like
 * the screen it prints: a pupil's diary week and report card — whoever may read that pupil (the
 * pupil, their parents, homeroom teacher, organisation admin); a journal page — whoever may read that
 * class and subject's journal; a class's marks — the class's teachers (their subjects), its homeroom
 * teacher and the admin (every subject). Anything else answers 404 like a missing object.
 */
export async function printRoutes(app: FastifyInstance, { db, clock }: LearningDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/learning/pupils/:id/diary.pdf',
    {
      schema: {
        tags: ['learning'],
        summary: "A pupil's diary week as a PDF (Monday to Sunday of the week holding `from`; default this week)",
        params: idParam,
        querystring: diaryPdfQuery,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const pupilId = request.params.id;
      await assertCanReadPupil(db, actor, pupilId);
      const lang = request.query.lang ?? actor.language;
      const heading = await repo.findPupilHeading(db, pupilId);
      const monday = weekStart(request.query.from ?? localDateOf(clock(), heading.timeZone));
      const body = await diaryRepo.findDiaryJson(db, { pupilId, from: monday, to: addDays(monday, 6), now: clock() });
      if (!body) throw pupilNotFound();
      const diary = JSON.parse(body) as Diary;
      const bytes = await renderDiaryWeek(diary, heading, lang);
      return reply
        .header('content-type', PDF_CONTENT_TYPE)
        .header('content-disposition', pdfDisposition(`${WORDS.diaryTitle[lang]} ${personName(diary.pupil)} ${monday}`))
        .send(bytes);
    },
  );

  r.get(
    '/api/learning/pupils/:id/report.pdf',
    {
      schema: {
        tags: ['learning'],
        summary: "A pupil's report card for a term as a PDF (default the current term)",
        params: idParam,
        querystring: reportPdfQuery,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const pupilId = request.params.id;
      await assertCanReadPupil(db, actor, pupilId);
      const lang = request.query.lang ?? actor.language;
      const row = await diaryRepo.findSummary(db, { pupilId, termId: request.query.termId ?? null, now: clock() });
      if (!row) throw pupilNotFound();
      if (request.query.termId && !row.term) throw termNotFound();
      const summary = toSummary(row);
      const heading = await repo.findPupilHeading(db, pupilId);
      const bytes = await renderReportCard(summary, heading, lang, localDateOf(clock(), heading.timeZone));
      const term = summary.term ? ` ${TERM_NAME[summary.term.kind][lang](summary.term.number)}` : '';
      return reply
        .header('content-type', PDF_CONTENT_TYPE)
        .header('content-disposition', pdfDisposition(`${WORDS.reportTitle[lang]} ${personName(summary.pupil)}${term}`))
        .send(bytes);
    },
  );

  r.get(
    '/api/learning/journal.pdf',
    {
      schema: {
        tags: ['learning'],
        summary: 'A class journal page as a PDF: one subject, one month (default this month), marks and attendance, topics',
        querystring: journalPdfQuery,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { classId, subjectId, month } = request.query;
      // the journal grid's rule: the subject's teacher and the homeroom teacher without a query, the admin by the class's organisation
      if (teachingAccessWithoutOrg(actor, classId, subjectId) === 'unknown') {
        const node = await findClassNode(db, classId);
        if (!node || !isOrgAdmin(actor, node.organisationId)) throw classNotFound();
      }
      const lang = request.query.lang ?? actor.language;
      const from = month ? `${month}-01` : null;
      const to = month ? addDays(`${nextMonth(month)}-01`, -1) : null;
      const row = await repo.findJournalMonth(db, { classId, subjectId, from, to, now: clock() });
      if (!row) throw classNotFound();
      if (!row.subject) throw subjectNotFound();
      const shown = month ?? row.today.slice(0, 7);
      const bytes = await renderJournalMonth({ ...row, subject: row.subject }, shown, lang);
      return reply
        .header('content-type', PDF_CONTENT_TYPE)
        .header('content-disposition', pdfDisposition(`${WORDS.journalTitle[lang]} ${row.class.name} ${row.subject.name[lang]} ${shown}`))
        .send(bytes);
    },
  );

  r.get(
    '/api/learning/classes/:id/marks/export',
    {
      schema: {
        tags: ['learning'],
        summary: "A class's marks in a term as CSV or XLSX, one row per mark (a teacher gets the subjects they teach there)",
        params: idParam,
        querystring: marksExportQuery,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const classId = request.params.id;
      const { format, termId, subjectId } = request.query;
      const head = await repo.findMarksExportHead(db, { classId, termId: termId ?? null, now: clock() });
      if (!head) throw classNotFound();
      const everything = isHomeroomOf(actor, classId) || isOrgAdmin(actor, head.class.organisationId);
      const taught = actor.taught.filter((t) => t.classId === classId).map((t) => t.subjectId);
      if (!everything && !taught.length) throw classNotFound();
      if (subjectId && !everything && !teaches(actor, classId, subjectId)) throw subjectNotFound();
      if (!head.term) throw termNotFound();
      const subjectIds = subjectId ? [subjectId] : everything ? null : taught;
      const lang = request.query.lang ?? actor.language;
      const rows = await repo.findClassMarks(db, { classId, termId: head.term.id, subjectIds });
      const name = `${WORDS.marksTitle[lang]} ${head.class.name} ${TERM_NAME[head.term.kind][lang](head.term.number)}`;
      const bytes = await renderMarksExport(rows, lang, format, head.class.name);
      return reply
        .header('content-type', format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE)
        .header('content-disposition', disposition(name, format))
        .send(bytes);
    },
  );
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
