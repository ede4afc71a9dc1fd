import { createPdf, finishPdf } from '../../platform/pdf/index.js';
import type { Assessment, Evidence, EvidenceKey, Level } from '../../../contracts/quality.js';

type Lang = 'kk' | 'ru' | 'en';

const W = {
  kk: {
    title: 'Онлайн оқыту сапасын өзін-өзі бағалау',
    year: 'Оқу жылы',
    version: 'Критерийлер нұсқасы',
    status: 'Күйі',
    level: 'Деңгей',
    comment: 'Түсініктеме',
    evidence: 'Дәлел',
    links: 'Сілтемелер',
    files: 'Файлдар',
    auto: 'Sabaq деректері',
    review: 'Қарау',
    none: '—',
    levels: { not_adequate: 'Жеткіліксіз', partially: 'Ішінара', largely: 'Көбіне', fully: 'Толық' },
    statuses: { none: 'Басталмаған', draft: 'Жоба', submitted: 'Жіберілді', accepted: 'Қабылданды', returned: 'Қайтарылды' },
  },
  ru: {
    title: 'Самооценка качества онлайн-обучения',
    year: 'Учебный год',
    version: 'Версия критериев',
    status: 'Состояние',
    level: 'Уровень',
    comment: 'Комментарий',
    evidence: 'Подтверждение',
    links: 'Ссылки',
    files: 'Файлы',
    auto: 'Данные Sabaq',
    review: 'Рецензия',
    none: '—',
    levels: { not_adequate: 'Недостаточно', partially: 'Частично', largely: 'В основном', fully: 'Полностью' },
    statuses: { none: 'Не начата', draft: 'Черновик', submitted: 'Отправлена', accepted: 'Принята', returned: 'Возвращена' },
  },
  en: {
    title: 'Self-assessment of online teaching quality',
    year: 'School year',
    version: 'Criteria version',
    status: 'Status',
    level: 'Level',
    comment: 'Comment',
    evidence: 'Evidence',
    links: 'Links',
    files: 'Files',
    auto: 'Sabaq data',
    review: 'Review',
    none: '—',
    levels: { not_adequate: 'Not adequate', partially: 'Partially', largely: 'Largely', fully: 'Fully' },
    statuses: { none: 'Not started', draft: 'Draft', submitted: 'Submitted', accepted: 'Accepted', returned: 'Returned for changes' },
  },
} as const;

export const EVIDENCE_LABELS: Record<Lang, Record<EvidenceKey, string>> = {
  kk: {
    remoteShare: 'Қашықтан өткен сабақтар',
    materialsShare: 'Материалы бар сабақтар',
    presentShare: 'Қатысу',
    onlineShare: 'Онлайн қатысу',
    markedShare: 'Тексерілген үй жұмыстары',
    markedInTimeShare: '3 күнде тексерілген',
    trainedShare: 'Оқытылған мұғалімдер',
  },
  ru: {
    remoteShare: 'Уроки дистанционно',
    materialsShare: 'Уроки с материалами',
    presentShare: 'Посещаемость',
    onlineShare: 'Присутствие онлайн',
    markedShare: 'Проверенные домашние задания',
    markedInTimeShare: 'Проверены за 3 дня',
    trainedShare: 'Обученные учителя',
  },
  en: {
    remoteShare: 'Lessons delivered remotely',
    materialsShare: 'Lessons with materials',
    presentShare: 'Attendance',
    onlineShare: 'Present online',
    markedShare: 'Homework marked',
    markedInTimeShare: 'Marked within 3 days',
    trainedShare: 'Teachers trained',
  },
};

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

/** The assessment (the draft, or the latest submission with its review) as a PDF. */
export async function assessmentPdf(a: Assessment, lang: Lang): Promise<{ bytes: Buffer; fileName: string }> {
  const w = W[lang];
  const latest = a.submissions[0];
  const answers = a.status === 'draft' || a.status === 'returned' || !latest ? a.answers : latest.answers;
  const ev: Evidence | null = latest && a.status !== 'draft' ? latest.evidence : a.evidence;
  const doc = createPdf({ title: w.title, subtitle: `${a.organisation.name[lang]} · ${a.organisation.district[lang]}`, language: lang });
  doc.text(`${w.year}: ${a.year.name} · ${w.version}: ${a.framework.version} · ${w.status}: ${w.statuses[a.status]}`);
  const by = new Map(answers.map((x) => [x.criterion, x]));
  const comments = new Map((latest?.review?.comments ?? []).map((c) => [c.criterion, c.comment]));
  for (const area of a.framework.areas) {
    doc.moveDown(0.8).font('bold').fontSize(13).text(area.title[lang]);
    for (const c of area.criteria) {
      const x = by.get(c.key);
      doc.moveDown(0.4).font('bold').fontSize(10).text(c.title[lang]);
      doc.font('regular').text(`${w.level}: ${x?.level ? w.levels[x.level as Level] : w.none}`);
      if (x?.comment) doc.text(`${w.comment}: ${x.comment}`);
      if (x?.evidence) doc.text(`${w.evidence}: ${x.evidence}`);
      if (x?.links.length) doc.text(`${w.links}: ${x.links.join(', ')}`);
      if (x?.files.length) doc.text(`${w.files}: ${x.files.map((f) => f.name).join(', ')}`);
      if (ev && c.evidence.length)
        doc
          .fillColor('#444')
          .text(`${w.auto}: ${c.evidence.map((k) => `${EVIDENCE_LABELS[lang][k]} ${pct(ev[k])}`).join(' · ')}`)
          .fillColor('#000');
      const rc = comments.get(c.key);
      if (rc) doc.font('bold').text(`${w.review}: `, { continued: true }).font('regular').text(rc);
    }
  }
  if (latest?.review) {
    doc.moveDown(1).font('bold').fontSize(12).text(`${w.review}: ${w.statuses[latest.review.verdict]}`);
    if (latest.review.comment) doc.font('regular').fontSize(10).text(latest.review.comment);
  }
  const bytes = await finishPdf(doc, `Sabaq · ${a.organisation.name[lang]} · ${a.year.name}`);
  return { bytes, fileName: `${w.title} ${a.year.name}` };
}
