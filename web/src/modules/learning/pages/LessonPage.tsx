import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../ui/feedback.js';
import { formatNumber, fullName, localised } from '../../../ui/format.js';
import { useTitle } from '../../../ui/useTitle.js';
import {
  addMaterial,
  createHomework,
  deleteHomework,
  LEARNING,
  lessonQuery,
  patchLesson,
  removeMaterial,
  tvDayQuery,
  type LessonDetail,
  type Material,
} from '../api.js';
import { Crumbs } from '../components/Crumbs.js';
import { DeliveryInfo } from '../components/Delivery.js';
import { DeliveryBadge } from '../components/LessonCard.js';
import { FilePicker, useUploads } from '../components/FilePicker.js';
import { Materials } from '../components/Materials.js';
import { AttachedVideos } from '../components/Videos.js';
import { AttachVideos } from '../../video/AttachVideos.js';
import { LearningError } from '../errors.js';
import { longDay, shortWhen, timeRange } from '../format.js';
import {
  ACTIVITIES,
  assessmentChoices,
  dueAtFrom,
  formFromLesson,
  isWebUrl,
  patchFromForm,
  slotFits,
  SUMMATIVE,
  TV_CHANNELS,
  type LessonForm,
  type LessonFormProblem,
} from '../lesson-form.js';
import { addDays, zonedTime } from '../time.js';
import '../learning.css';
import { LivePanel } from '../../live/LivePanel.js';
import { DateInput, TimeInput } from '../../../ui/controls.js';

/**
 * A lesson: when, how it is held, topic, materials and homework — for everyone who sees the class.
 * Its teacher also edits it here: topic and delivery, the journal column's assessment, materials,
 * and homework to set.
 */
export default function LessonPage({ lessonId }: { lessonId: number }) {
  const { t, i18n } = useTranslation('learning');
  const lesson = useQuery({ ...lessonQuery(lessonId), enabled: lessonId > 0 });
  useTitle(lesson.data ? `${localised(lesson.data.subject.name, i18n.language)} · ${lesson.data.class.name}` : t('lesson.title'));
  return (
    <>
      <Crumbs />
      <QueryView query={lesson} heading={t('lesson.title')}>
        {(l) => <Lesson l={l} />}
      </QueryView>
    </>
  );
}

function Lesson({ l }: { l: LessonDetail }) {
  const { t, i18n } = useTranslation('learning');
  const lang = i18n.language;
  const subject = localised(l.subject.name, lang);
  return (
    <>
      <h1>
        {subject} · {l.class.name}
      </h1>
      <p className="lead">
        {longDay(t, l.date, lang)}, {timeRange(l.startsAt, l.endsAt, l.timeZone)}
      </p>
      <section className="card" aria-labelledby="l-lesson-about">
        <h2 id="l-lesson-about">{t('lesson.about')}</h2>
        <dl className="facts">
          <dt>{t('lesson.topic')}</dt>
          <dd>{l.topic ?? <span className="muted">{t('lesson.noTopic')}</span>}</dd>
          <dt>{t('lesson.teacher')}</dt>
          <dd>{fullName(l.teacher)}</dd>
          {l.activity !== 'lesson' && (
            <>
              <dt>{t('lesson.activity')}</dt>
              <dd>{t(`activity.${l.activity}`)}</dd>
            </>
          )}
          <dt>{t('lesson.delivery')}</dt>
          <dd>
            {l.cancelled ? <span className="l-badge l-badge--cancelled">{t('lesson.cancelled')}</span> : <DeliveryBadge kind={l.delivery.kind} />}
            {l.canEdit && <span className="muted l-source"> {l.deliverySource === 'format' ? t('lesson.byFormat') : t('lesson.byTeacher')}</span>}
          </dd>
          {l.assessment !== 'formative' && (
            <>
              <dt>{t('lesson.assessment')}</dt>
              <dd>
                {t(`assessment.${l.assessment}`)}
                {l.assessmentMax !== null && ` (${t('lesson.outOf', { max: l.assessmentMax })})`}
              </dd>
            </>
          )}
        </dl>
        {l.canEdit && l.delivery.kind === 'online_live' && l.delivery.joinUrl ? (
          <p>
            <a className="button" href={l.delivery.joinUrl} target="_blank" rel="noopener noreferrer">
              {t('lesson.openRoom')}
            </a>
          </p>
        ) : (
          <DeliveryInfo lessonId={l.id} delivery={l.delivery} joinable={l.joinable} room={l.room?.name ?? null} timeZone={l.timeZone} cancelled={l.cancelled} />
        )}
        {!l.canEdit && <AttachedVideos videos={l.videos} />}
        {l.canEdit && (
          <p className="l-after">
            <Link to="/learning/journal" search={{ classId: l.class.id, subjectId: l.subject.id, termId: l.termId }}>
              {t('lesson.toJournal')}
            </Link>
          </p>
        )}
      </section>
      {!l.cancelled && <LivePanel lessonId={l.id} />}
      {l.canEdit && <EditLesson l={l} />}
      {l.canEdit && <AttachVideos target={{ lessonId: l.id }} subjectId={l.subject.id} />}
      <MaterialsCard l={l} />
      <HomeworkCard l={l} />
    </>
  );
}

function useRefreshLesson(id: number) {
  const queryClient = useQueryClient();
  return (updated?: LessonDetail) => {
    if (updated) queryClient.setQueryData(lessonQuery(id).queryKey, updated);
    else void queryClient.invalidateQueries({ queryKey: lessonQuery(id).queryKey });
    for (const key of ['diary', 'journal', 'my-lessons']) void queryClient.invalidateQueries({ queryKey: [LEARNING, key] });
  };
}

function EditLesson({ l }: { l: LessonDetail }) {
  const { t } = useTranslation('learning');
  const id = useId();
  const refresh = useRefreshLesson(l.id);
  const [form, setForm] = useState<LessonForm>(() => formFromLesson(l));
  const [problem, setProblem] = useState<LessonFormProblem | null>(null);
  const [nothing, setNothing] = useState(false);
  const save = useMutation({
    mutationFn: (patch: Parameters<typeof patchLesson>[1]) => patchLesson(l.id, patch),
    onSuccess: (updated) => {
      refresh(updated);
      setForm(formFromLesson(updated));
    },
  });
  const set = <K extends keyof LessonForm>(k: K, v: LessonForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setNothing(false);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const r = patchFromForm(l, form);
    if ('problem' in r) {
      setProblem(r.problem);
      document.getElementById(`${id}-${r.problem}`)?.focus();
      return;
    }
    setProblem(null);
    if (Object.keys(r.patch).length === 0) {
      setNothing(true);
      return;
    }
    save.mutate(r.patch);
  };
  const err = (p: LessonFormProblem) => (problem === p ? { 'aria-invalid': true, 'aria-describedby': `${id}-${p}-error` } : {});
  const errText = (p: LessonFormProblem, text: string) =>
    problem === p && (
      <p className="form__error" id={`${id}-${p}-error`}>
        {text}
      </p>
    );
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('edit.title')}</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-topic`}>{t('lesson.topic')}</label>
          <input id={`${id}-topic`} value={form.topic} maxLength={300} onChange={(e) => set('topic', e.target.value)} />
        </div>
        {l.tvFallback && <p className="notice">{t('edit.tvFallback')}</p>}
        <fieldset className="l-fieldset">
          <legend>{t('lesson.delivery')}</legend>
          {l.deliverySource === 'teacher' ? (
            <label className="l-check">
              <input type="checkbox" checked={form.useFormat} onChange={(e) => set('useFormat', e.target.checked)} />
              {t('edit.useFormat')}
            </label>
          ) : (
            <p className="field__hint">{t('edit.followsFormat')}</p>
          )}
          {!form.useFormat && (
            <>
              <div className="l-radios">
                {(['online_live', 'tv', 'recorded', 'in_person'] as const).map((k) => (
                  <label key={k} className="l-radio">
                    <input type="radio" name={`${id}-kind`} value={k} checked={form.kind === k} onChange={() => set('kind', k)} />
                    {t(`delivery.${k}`)}
                  </label>
                ))}
              </div>
              {form.kind === 'online_live' && (
                <div className="field">
                  <label htmlFor={`${id}-joinUrl`}>{t('edit.joinUrl')}</label>
                  <input
                    id={`${id}-joinUrl`}
                    type="url"
                    inputMode="url"
                    value={form.joinUrl}
                    maxLength={2000}
                    placeholder="https://"
                    onChange={(e) => set('joinUrl', e.target.value)}
                    {...err('joinUrl')}
                  />
                  {errText('joinUrl', t('edit.urlInvalid'))}
                </div>
              )}
              {form.kind === 'tv' && <TvSlotPicker l={l} value={form.tvSlotId} onChange={(v) => set('tvSlotId', v)} />}
              {form.kind === 'tv' && !form.tvSlotId && (
                <div className="l-row">
                  <div className="field">
                    <label htmlFor={`${id}-channel`}>{t('edit.tvChannel')}</label>
                    <select id={`${id}-channel`} value={form.tvChannel} onChange={(e) => set('tvChannel', e.target.value as LessonForm['tvChannel'])}>
                      {TV_CHANNELS.map((c) => (
                        <option key={c} value={c}>
                          {t(`channels.${c}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-tvTime`}>{t('edit.tvTime')}</label>
                    <TimeInput id={`${id}-tvTime`} value={form.tvTime} onChange={(v) => set('tvTime', v)} {...err('tvTime')} />
                    {errText('tvTime', t('edit.timeInvalid'))}
                  </div>
                </div>
              )}
              {form.kind === 'recorded' && (
                <div className="field">
                  <label htmlFor={`${id}-videoUrl`}>{t('edit.videoUrl')}</label>
                  <input
                    id={`${id}-videoUrl`}
                    type="url"
                    inputMode="url"
                    value={form.videoUrl}
                    maxLength={2000}
                    placeholder="https://"
                    onChange={(e) => set('videoUrl', e.target.value)}
                    {...err('videoUrl')}
                  />
                  {errText('videoUrl', t('edit.urlInvalid'))}
                </div>
              )}
            </>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-activity`}>{t('lesson.activity')}</label>
          <select id={`${id}-activity`} value={form.activity} onChange={(e) => set('activity', e.target.value as LessonForm['activity'])}>
            {ACTIVITIES.map((a) => (
              <option key={a} value={a}>
                {t(`activity.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="l-row">
          <div className="field">
            <label htmlFor={`${id}-assessment`}>{t('lesson.assessment')}</label>
            <select id={`${id}-assessment`} value={form.assessment} onChange={(e) => set('assessment', e.target.value as LessonForm['assessment'])}>
              {assessmentChoices(l.assessment).map((a) => (
                <option key={a} value={a}>
                  {t(`assessment.${a}`)}
                </option>
              ))}
            </select>
          </div>
          {SUMMATIVE.includes(form.assessment) && (
            <div className="field">
              <label htmlFor={`${id}-assessmentMax`}>{t('edit.assessmentMax')}</label>
              <input
                id={`${id}-assessmentMax`}
                inputMode="numeric"
                maxLength={3}
                value={form.assessmentMax}
                onChange={(e) => set('assessmentMax', e.target.value)}
                {...err('assessmentMax')}
              />
              {errText('assessmentMax', t('edit.maxInvalid'))}
            </div>
          )}
        </div>
        <label className="l-check">
          <input type="checkbox" checked={form.cancelled} onChange={(e) => set('cancelled', e.target.checked)} />
          {t('edit.cancelled')}
        </label>
        {save.isError && <LearningError error={save.error} timeZone={l.timeZone} />}
        {nothing && (
          <p className="notice" role="status">
            {t('edit.nothingChanged')}
          </p>
        )}
        {save.isSuccess && !save.isPending && (
          <p className="notice" role="status">
            {t('edit.saved')}
          </p>
        )}
        <div>
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t('edit.saving') : t('edit.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function MaterialsCard({ l }: { l: LessonDetail }) {
  const { t } = useTranslation('learning');
  const id = useId();
  const refresh = useRefreshLesson(l.id);
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [bad, setBad] = useState(false);
  const uploads = useUploads();
  const lessonMaterials = l.materials.filter((m) => m.homeworkId === null);
  const add = useMutation({
    mutationFn: async (items: Parameters<typeof addMaterial>[1][]) => {
      for (const m of items) await addMaterial(l.id, m);
    },
    onSuccess: () => refresh(),
    onError: () => refresh(),
  });
  const remove = useMutation({ mutationFn: (m: Material) => removeMaterial(m.id), onSuccess: () => refresh() });
  if (!l.canEdit && lessonMaterials.length === 0) return null;
  const addLink = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || !isWebUrl(url)) {
      setBad(true);
      return;
    }
    setBad(false);
    add.mutate([{ kind: 'link', title: title.trim(), url: url.trim() }], {
      onSuccess: () => {
        setTitle('');
        setUrl('');
      },
    });
  };
  const attachFiles = () => {
    const done = uploads.items.filter((u) => u.status === 'done' && u.uploaded);
    add.mutate(
      done.map((u) => ({ kind: 'file' as const, fileId: u.uploaded!.id, title: u.file.name.slice(0, 200) })),
      { onSuccess: () => uploads.reset() },
    );
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('lesson.materials')}</h2>
      {lessonMaterials.length === 0 ? (
        <p className="muted">{t('materials.none')}</p>
      ) : (
        <Materials
          items={lessonMaterials}
          onRemove={l.canEdit ? (m) => remove.mutate(m) : undefined}
          removing={remove.isPending ? remove.variables?.id : null}
        />
      )}
      {remove.isError && <LearningError error={remove.error} />}
      {l.canEdit && (
        <>
          <form className="form l-subform" onSubmit={addLink} noValidate>
            <h3>{t('materials.addLink')}</h3>
            <div className="l-row">
              <div className="field">
                <label htmlFor={`${id}-title`}>{t('materials.linkTitle')}</label>
                <input
                  id={`${id}-title`}
                  value={title}
                  maxLength={200}
                  onChange={(e) => setTitle(e.target.value)}
                  aria-invalid={(bad && !title.trim()) || undefined}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-url`}>{t('materials.linkUrl')}</label>
                <input
                  id={`${id}-url`}
                  type="url"
                  inputMode="url"
                  placeholder="https://"
                  value={url}
                  maxLength={2000}
                  onChange={(e) => setUrl(e.target.value)}
                  aria-invalid={(bad && !isWebUrl(url)) || undefined}
                />
              </div>
            </div>
            {bad && (
              <p className="form__error" role="alert">
                {t('materials.linkInvalid')}
              </p>
            )}
            <div>
              <button type="submit" className="button button--secondary" disabled={add.isPending}>
                {t('materials.add')}
              </button>
            </div>
          </form>
          <div className="l-subform">
            <FilePicker uploads={uploads} label={t('materials.addFiles')} />
            {uploads.ids.length > 0 && (
              <button type="button" className="button button--secondary" disabled={add.isPending || uploads.busy} onClick={attachFiles}>
                {t('materials.attach', { n: uploads.ids.length })}
              </button>
            )}
          </div>
          {add.isError && <LearningError error={add.error} />}
        </>
      )}
    </section>
  );
}

function HomeworkCard({ l }: { l: LessonDetail }) {
  const { t, i18n } = useTranslation('learning');
  const lang = i18n.language;
  const id = useId();
  const refresh = useRefreshLesson(l.id);
  const remove = useMutation({ mutationFn: (homeworkId: number) => deleteHomework(homeworkId), onSuccess: () => refresh() });
  if (!l.canEdit && l.homework.length === 0) return null;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('lesson.homework')}</h2>
      {l.homework.length === 0 ? (
        <p className="muted">{t('lesson.noHomework')}</p>
      ) : (
        <ul className="l-hw-list">
          {l.homework.map((h) => (
            <li key={h.id} className="l-hw">
              <div className="l-hw__main">
                <Link to="/learning/homework/$homeworkId" params={{ homeworkId: h.id }} className="l-hw__title">
                  {h.title}
                </Link>
                <span className="muted">{t('homework.dueShort', { when: shortWhen(t, h.dueAt, l.timeZone) })}</span>
              </div>
              {l.canEdit && h.submitted !== null && (
                <div className="l-hw__meta">
                  <span className="muted">
                    {t('homework.counts', { submitted: formatNumber(h.submitted, lang), toMark: formatNumber(h.toMark ?? 0, lang) })}
                  </span>
                  {h.submitted === 0 && (
                    <button type="button" className="button button--quiet l-inline-button" disabled={remove.isPending} onClick={() => remove.mutate(h.id)}>
                      {t('homework.delete')}
                      <span className="visually-hidden">: {h.title}</span>
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.isError && <LearningError error={remove.error} />}
      {l.canEdit && <SetHomework l={l} onDone={() => refresh()} />}
    </section>
  );
}

/** Setting homework: title, instructions, due date and time at the school (default: two days on, 20:00), files. */
function SetHomework({ l, onDone }: { l: LessonDetail; onDone: () => void }) {
  const { t } = useTranslation('learning');
  const id = useId();
  const [title, setTitle] = useState('');
  const [instructions, setInstructions] = useState('');
  const [dueDate, setDueDate] = useState(addDays(l.date, 2));
  const [dueTime, setDueTime] = useState('20:00');
  const [problem, setProblem] = useState<'title' | 'due' | null>(null);
  const uploads = useUploads();
  const create = useMutation({
    mutationFn: (dueAt: string) =>
      createHomework(l.id, {
        title: title.trim(),
        instructions: instructions.trim() || null,
        dueAt,
        materials: uploads.items.filter((u) => u.uploaded).map((u) => ({ kind: 'file' as const, fileId: u.uploaded!.id, title: u.file.name.slice(0, 200) })),
      }),
    onSuccess: () => {
      setTitle('');
      setInstructions('');
      uploads.reset();
      onDone();
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const dueAt = dueAtFrom(dueDate, dueTime, l.timeZone);
    if (!title.trim()) setProblem('title');
    else if (!dueAt) setProblem('due');
    else {
      setProblem(null);
      create.mutate(dueAt);
    }
  };
  return (
    <form className="form l-subform" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('setHomework.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('setHomework.name')}</label>
        <input id={`${id}-title`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} aria-invalid={problem === 'title' || undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-instr`}>{t('setHomework.instructions')}</label>
        <textarea id={`${id}-instr`} rows={3} maxLength={5000} value={instructions} onChange={(e) => setInstructions(e.target.value)} />
      </div>
      <div className="l-row">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('setHomework.dueDate')}</label>
          <DateInput id={`${id}-date`} value={dueDate} min={l.date} onChange={setDueDate} aria-invalid={problem === 'due' || undefined} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>{t('setHomework.dueTime')}</label>
          <TimeInput id={`${id}-time`} value={dueTime} onChange={setDueTime} aria-invalid={problem === 'due' || undefined} />
        </div>
      </div>
      <p className="field__hint">{t('setHomework.zoneHint', { zone: l.timeZone })}</p>
      <FilePicker uploads={uploads} label={t('setHomework.files')} />
      {problem === 'title' && (
        <p className="form__error" role="alert">
          {t('setHomework.titleMissing')}
        </p>
      )}
      {problem === 'due' && (
        <p className="form__error" role="alert">
          {t('setHomework.dueMissing')}
        </p>
      )}
      {create.isError && <LearningError error={create.error} timeZone={l.timeZone} />}
      {create.isSuccess && !create.isPending && (
        <p className="notice" role="status">
          {t('setHomework.done')}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={create.isPending || uploads.busy}>
          {create.isPending ? t('setHomework.saving') : t('setHomework.submit')}
        </button>
      </div>
    </form>
  );
}

/** The TV grid's slots of the lesson's day for the class's grade and the school's language; '' = a channel and a time by hand. */
function TvSlotPicker({ l, value, onChange }: { l: LessonDetail; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation('learning');
  const id = useId();
  const day = useQuery(tvDayQuery(l.date));
  const slots = (day.data?.items ?? []).filter((s) => slotFits(s, l) || String(s.id) === value);
  return (
    <div className="field">
      <label htmlFor={`${id}-slot`}>{t('edit.tvSlot')}</label>
      <select id={`${id}-slot`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('edit.tvSlotNone')}</option>
        {slots.map((s) => (
          <option key={s.id} value={String(s.id)}>
            {zonedTime(s.startsAt, s.timeZone)} · {s.channel.name} · {s.topic}
          </option>
        ))}
      </select>
      {day.isSuccess && slots.length === 0 && <p className="field__hint">{t('edit.tvSlotEmpty')}</p>}
    </div>
  );
}
