import { useId, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatDate, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { courseContentQuery, publishCourse, saveContent, uploadMaterial, type ContentBody, type CourseContent } from './api.js';
import './training.css';

type Loc = { kk: string; ru: string; en: string };
type Draft = ContentBody['modules'][number];
type Mat = Draft['materials'][number];
type QuizDraft = NonNullable<Draft['quiz']>;
type Question = QuizDraft['questions'][number];

const LANGS = ['kk', 'ru', 'en'] as const;
const empty = (): Loc => ({ kk: '', ru: '', en: '' });
const newOption = () => ({ text: empty(), correct: false });
const newQuestion = (): Question => ({ kind: 'single', text: empty(), options: [newOption(), newOption()] });
const newMaterial = (kind: Mat['kind']): Mat =>
  kind === 'text'
    ? { kind, body: empty() }
    : kind === 'link'
      ? { kind, title: empty(), url: 'https://' }
      : kind === 'file'
        ? { kind, title: empty(), fileId: '' }
        : { kind, title: empty(), videoId: 0 };
const replace = <T,>(xs: T[], i: number, x: T) => xs.map((y, j) => (j === i ? x : y));
const move = <T,>(xs: T[], i: number, d: -1 | 1) => {
  const out = [...xs];
  const j = i + d;
  if (j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
};

/** Three fields (kk, ru, en) for one text. */
function LocFields({ label, value, onChange, multiline }: { label: (lang: string) => string; value: Loc; onChange: (v: Loc) => void; multiline?: boolean }) {
  const id = useId();
  return (
    <div className="training-loc">
      {LANGS.map((l) => (
        <div key={l} className="training-field">
          <label htmlFor={`${id}-${l}`}>{label(l)}</label>
          {multiline ? (
            <textarea id={`${id}-${l}`} lang={l} rows={4} value={value[l]} onChange={(e) => onChange({ ...value, [l]: e.target.value })} />
          ) : (
            <input id={`${id}-${l}`} lang={l} value={value[l]} onChange={(e) => onChange({ ...value, [l]: e.target.value })} />
          )}
        </div>
      ))}
    </div>
  );
}

function MaterialEditor({ m, onChange }: { m: Mat; onChange: (m: Mat) => void }) {
  const { t } = useTranslation('training');
  const id = useId();
  const upload = useMutation({ mutationFn: uploadMaterial, onSuccess: (f) => m.kind === 'file' && onChange({ ...m, fileId: f.id }) });
  if (m.kind === 'text')
    return <LocFields label={(l) => t('editor.text', { lang: l })} value={m.body} onChange={(body) => onChange({ ...m, body })} multiline />;
  return (
    <>
      <LocFields label={(l) => t('editor.linkTitle', { lang: l })} value={m.title} onChange={(title) => onChange({ ...m, title })} />
      {m.kind === 'link' && (
        <div className="training-field">
          <label htmlFor={`${id}-url`}>{t('editor.url')}</label>
          <input id={`${id}-url`} type="url" value={m.url} onChange={(e) => onChange({ ...m, url: e.target.value })} />
        </div>
      )}
      {m.kind === 'file' && (
        <div className="training-field">
          <label htmlFor={`${id}-file`}>{t('editor.upload')}</label>
          <input id={`${id}-file`} type="file" onChange={(e) => e.target.files?.[0] && upload.mutate(e.target.files[0])} />
          {m.fileId && <p className="muted">{t('editor.uploaded', { name: upload.data?.name ?? m.fileId })}</p>}
          {upload.isError && <ErrorNotice error={upload.error} />}
        </div>
      )}
      {m.kind === 'video' && (
        <div className="training-field">
          <label htmlFor={`${id}-video`}>{t('editor.videoId')}</label>
          <input
            id={`${id}-video`}
            inputMode="numeric"
            value={m.videoId || ''}
            onChange={(e) => onChange({ ...m, videoId: Number(e.target.value.replace(/\D/g, '')) || 0 })}
          />
        </div>
      )}
    </>
  );
}

function QuizEditor({ quiz, onChange }: { quiz: QuizDraft; onChange: (q: QuizDraft) => void }) {
  const { t } = useTranslation('training');
  const id = useId();
  const setQ = (i: number, q: Question) => onChange({ ...quiz, questions: replace(quiz.questions, i, q) });
  return (
    <div className="training-quiz-editor">
      <div className="training-field">
        <label htmlFor={`${id}-pass`}>{t('editor.passMark')}</label>
        <input
          id={`${id}-pass`}
          inputMode="numeric"
          value={Math.round(quiz.passMark * 100) || ''}
          onChange={(e) => onChange({ ...quiz, passMark: Number(e.target.value.replace(/\D/g, '')) / 100 })}
        />
      </div>
      <label className="training-option">
        <input type="checkbox" checked={quiz.required ?? true} onChange={(e) => onChange({ ...quiz, required: e.target.checked })} /> {t('editor.required')}
      </label>
      {quiz.questions.map((q, qi) => (
        <fieldset key={qi} className="training-question">
          <LocFields label={(l) => t('editor.question', { n: qi + 1, lang: l })} value={q.text} onChange={(text) => setQ(qi, { ...q, text })} />
          <label className="training-option">
            <input type="checkbox" checked={q.kind === 'multiple'} onChange={(e) => setQ(qi, { ...q, kind: e.target.checked ? 'multiple' : 'single' })} />{' '}
            {t('editor.multiple')}
          </label>
          {q.options.map((o, oi) => (
            <div key={oi} className="training-option-editor">
              <LocFields
                label={(l) => `${oi + 1}. ${t('editor.option', { lang: l })}`}
                value={o.text}
                onChange={(text) => setQ(qi, { ...q, options: replace(q.options, oi, { ...o, text }) })}
              />
              <label className="training-option">
                <input
                  type="checkbox"
                  checked={o.correct}
                  onChange={(e) =>
                    setQ(qi, {
                      ...q,
                      options: q.options.map((x, j) =>
                        j === oi ? { ...x, correct: e.target.checked } : q.kind === 'single' && e.target.checked ? { ...x, correct: false } : x,
                      ),
                    })
                  }
                />{' '}
                {t('editor.correct')}
              </label>
              <button type="button" className="button button--secondary" onClick={() => setQ(qi, { ...q, options: q.options.filter((_, j) => j !== oi) })}>
                {t('editor.remove')}
              </button>
            </div>
          ))}
          <div className="training-actions">
            <button type="button" className="button button--secondary" onClick={() => setQ(qi, { ...q, options: [...q.options, newOption()] })}>
              {t('editor.addOption')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onChange({ ...quiz, questions: quiz.questions.filter((_, j) => j !== qi) })}
            >
              {t('editor.remove')}
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" className="button button--secondary" onClick={() => onChange({ ...quiz, questions: [...quiz.questions, newQuestion()] })}>
        {t('editor.addQuestion')}
      </button>
    </div>
  );
}

function ModuleEditor({
  n,
  m,
  onChange,
  onMove,
  onRemove,
}: {
  n: number;
  m: Draft;
  onChange: (m: Draft) => void;
  onMove: (d: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('training');
  return (
    <li className="card training-module">
      <h2>{t('editor.module', { n })}</h2>
      <div className="training-actions">
        <button type="button" className="button button--secondary" onClick={() => onMove(-1)}>
          {t('editor.up')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onMove(1)}>
          {t('editor.down')}
        </button>
        <button type="button" className="button button--secondary" onClick={onRemove}>
          {t('editor.remove')}
        </button>
      </div>
      <LocFields label={(l) => t('editor.moduleTitle', { lang: l })} value={m.title} onChange={(title) => onChange({ ...m, title })} />
      <h3>{t('editor.materials')}</h3>
      <ol className="training-materials">
        {m.materials.map((x, i) => (
          <li key={i}>
            <strong>{t(`editor.kind.${x.kind}`)}</strong>
            <MaterialEditor m={x} onChange={(y) => onChange({ ...m, materials: replace(m.materials, i, y) })} />
            <button type="button" className="button button--secondary" onClick={() => onChange({ ...m, materials: m.materials.filter((_, j) => j !== i) })}>
              {t('editor.remove')}
            </button>
          </li>
        ))}
      </ol>
      <div className="training-actions">
        {(['text', 'link', 'file', 'video'] as const).map((k) => (
          <button key={k} type="button" className="button button--secondary" onClick={() => onChange({ ...m, materials: [...m.materials, newMaterial(k)] })}>
            {t('editor.add', { kind: t(`editor.kind.${k}`) })}
          </button>
        ))}
      </div>
      <label className="training-option">
        <input
          type="checkbox"
          checked={m.quiz !== null}
          onChange={(e) => onChange({ ...m, quiz: e.target.checked ? { passMark: 0.7, required: true, questions: [newQuestion()] } : null })}
        />{' '}
        {t('editor.hasQuiz')}
      </label>
      {m.quiz && <QuizEditor quiz={m.quiz} onChange={(quiz) => onChange({ ...m, quiz })} />}
    </li>
  );
}

const toDraft = (c: CourseContent): ContentBody => ({
  quizMaxAttempts: c.quizMaxAttempts,
  quizWaitMinutes: c.quizWaitMinutes,
  modules: c.modules.map((m) => ({ id: m.id, title: m.title, materials: m.materials, quiz: m.quiz })),
});

function Editor({ c }: { c: CourseContent }) {
  const { t, i18n } = useTranslation('training');
  const lang = i18n.language;
  const id = useId();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ContentBody>(() => toDraft(c));
  const save = useMutation({
    mutationFn: () => saveContent(c.course.id, draft),
    onSuccess: (saved) => {
      queryClient.setQueryData(courseContentQuery(c.course.id).queryKey, saved);
      setDraft(toDraft(saved));
    },
  });
  const publish = useMutation({
    mutationFn: async () => {
      const saved = await saveContent(c.course.id, draft);
      setDraft(toDraft(saved));
      return publishCourse(c.course.id);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['training', 'content', c.course.id] }),
  });
  const setModules = (modules: Draft[]) => setDraft({ ...draft, modules });
  return (
    <>
      <p>
        <Link to="/training/courses">← {t('manage.title')}</Link>
      </p>
      <h1>{t('editor.title', { title: localised(c.course.title, lang) })}</h1>
      <section className="card">
        <h2>{t('editor.settings')}</h2>
        <div className="training-field">
          <label htmlFor={`${id}-max`}>{t('editor.maxAttempts')}</label>
          <input
            id={`${id}-max`}
            inputMode="numeric"
            value={draft.quizMaxAttempts ?? ''}
            onChange={(e) => setDraft({ ...draft, quizMaxAttempts: e.target.value.replace(/\D/g, '') ? Number(e.target.value.replace(/\D/g, '')) : null })}
          />
        </div>
        <div className="training-field">
          <label htmlFor={`${id}-wait`}>{t('editor.waitMinutes')}</label>
          <input
            id={`${id}-wait`}
            inputMode="numeric"
            value={draft.quizWaitMinutes}
            onChange={(e) => setDraft({ ...draft, quizWaitMinutes: Number(e.target.value.replace(/\D/g, '')) || 0 })}
          />
        </div>
      </section>
      <ol className="plain-list training-modules">
        {draft.modules.map((m, i) => (
          <ModuleEditor
            key={m.id ?? `new-${i}`}
            n={i + 1}
            m={m}
            onChange={(x) => setModules(replace(draft.modules, i, x))}
            onMove={(d) => setModules(move(draft.modules, i, d))}
            onRemove={() => setModules(draft.modules.filter((_, j) => j !== i))}
          />
        ))}
      </ol>
      <button type="button" className="button button--secondary" onClick={() => setModules([...draft.modules, { title: empty(), materials: [], quiz: null }])}>
        {t('editor.addModule')}
      </button>
      <div className="training-actions">
        <button type="button" className="button" disabled={save.isPending || publish.isPending} onClick={() => save.mutate()}>
          {t('editor.save')}
        </button>
        <button type="button" className="button" disabled={save.isPending || publish.isPending || draft.modules.length === 0} onClick={() => publish.mutate()}>
          {t('editor.publish')}
        </button>
      </div>
      {save.isSuccess && <p role="status">{t('editor.saved')}</p>}
      {publish.isSuccess && <p role="status">{t('editor.published', { version: publish.data.version })}</p>}
      {save.isError && <ErrorNotice error={save.error} />}
      {publish.isError && <ErrorNotice error={publish.error} />}
      <section className="card">
        <h2>{t('editor.versions')}</h2>
        <p className="muted">{t('editor.locked')}</p>
        {c.versions.length === 0 ? (
          <p>{t('editor.noVersions')}</p>
        ) : (
          <ul>
            {c.versions.map((v) => (
              <li key={v.version}>{t('editor.version', { version: v.version, date: formatDate(v.publishedAt.slice(0, 10), lang) })}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The ministry's course editor: modules in order, their materials (text, link, file, video) and quiz; save, publish a version. */
export function CourseEditorPage({ courseId }: { courseId: number }) {
  const { t } = useTranslation('training');
  useTitle(t('manage.title'));
  const q = useQuery(courseContentQuery(courseId));
  return (
    <QueryView query={q} heading={t('manage.title')}>
      {(c) => <Editor c={c} />}
    </QueryView>
  );
}
