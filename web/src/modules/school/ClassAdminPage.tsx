import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { QueryView } from '../../ui/feedback.js';
import { fullName, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { classQuery, organisationClassesQuery, type ClassDetail } from '../organisations/api.js';
import { assignmentsQuery, subjectsQuery } from '../planning/api.js';
import { addMember, classListPdfUrl, moveMember, peopleQuery, removeMember, updateClass } from './api.js';
import { Outcome } from './Outcome.js';
import './school.css';

/** One class for the organisation's admin: edit it, its pupils (add, move, take out), its subject teachers, print its list. */
export default function ClassAdminPage({ classId }: { classId: number }) {
  const { t, i18n } = useTranslation('school');
  const cls = useQuery({ ...classQuery(classId), enabled: classId > 0 });
  useTitle(cls.data ? `${cls.data.name} · ${t('title')}` : t('title'));
  return (
    <QueryView query={cls} heading={t('edit')}>
      {(c) => (
        <>
          <nav aria-label={t('title')} className="breadcrumb">
            <ol>
              <li>
                <Link to="/">⌂</Link>
              </li>
              <li>
                <Link to="/school/organisations/$organisationId" params={{ organisationId: c.organisationId }}>
                  {t('title')}
                </Link>
              </li>
            </ol>
          </nav>
          <h1>
            {c.name} <span className="sc-muted">{c.academicYear.name}</span>
          </h1>
          <p>
            <a href={classListPdfUrl(c.id, i18n.language)} download>
              {t('print')}
            </a>
          </p>
          <EditClass cls={c} />
          <Pupils cls={c} />
          <Teachers cls={c} />
        </>
      )}
    </QueryView>
  );
}

function EditClass({ cls }: { cls: ClassDetail }) {
  const { t } = useTranslation('school');
  const qc = useQueryClient();
  const teachers = useQuery(peopleQuery(cls.organisationId, { role: 'teacher', pageSize: 200 }));
  const [name, setName] = useState(cls.name);
  const [shift, setShift] = useState(String(cls.shift));
  const [homeroom, setHomeroom] = useState(cls.homeroomTeacher ? String(cls.homeroomTeacher.id) : '');
  const [ok, setOk] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => updateClass(cls.id, { name, shift: Number(shift), homeroomTeacherId: homeroom ? Number(homeroom) : null }),
    onSuccess: () => {
      setOk(t('saved'));
      void qc.invalidateQueries({ queryKey: ['classes', cls.id] });
      void qc.invalidateQueries({ queryKey: ['organisations'] });
    },
  });
  return (
    <form
      className="card form sc-form"
      noValidate
      aria-labelledby="sc-edit"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        setOk(null);
        save.mutate();
      }}
    >
      <h2 id="sc-edit">{t('edit')}</h2>
      <div className="sc-fields">
        <div className="field">
          <label htmlFor="sc-e-name">{t('name')}</label>
          <input id="sc-e-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="sc-e-shift">{t('shift')}</label>
          <select id="sc-e-shift" value={shift} onChange={(e) => setShift(e.target.value)}>
            {[1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {t('shiftN', { n })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sc-e-homeroom">{t('homeroom')}</label>
          <select id="sc-e-homeroom" value={homeroom} onChange={(e) => setHomeroom(e.target.value)}>
            <option value="">{t('noHomeroom')}</option>
            {cls.homeroomTeacher && !teachers.data?.items.some((p) => p.id === cls.homeroomTeacher!.id) && (
              <option value={cls.homeroomTeacher.id}>{fullName(cls.homeroomTeacher)}</option>
            )}
            {teachers.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {fullName(p)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Outcome ok={ok} error={save.error} />
      <button type="submit" className="button" disabled={save.isPending || !name.trim()}>
        {t('save')}
      </button>
    </form>
  );
}

function Pupils({ cls }: { cls: ClassDetail }) {
  const { t } = useTranslation('school');
  const qc = useQueryClient();
  const classes = useQuery(organisationClassesQuery(cls.organisationId));
  const others = (classes.data?.items ?? []).filter((c) => c.id !== cls.id && c.academicYear.id === cls.academicYear.id);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState<string | null>(null);
  const found = useQuery({ ...peopleQuery(cls.organisationId, { role: 'pupil', classless: true, q: q ?? '', pageSize: 10 }), enabled: q !== null });
  const [ok, setOk] = useState<string | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['classes'] });
    void qc.invalidateQueries({ queryKey: ['organisations'] });
    void qc.invalidateQueries({ queryKey: ['school'] });
  };
  const act = useMutation({
    mutationFn: (a: { kind: 'add' | 'remove' | 'move'; pupilId: number; to?: number }) =>
      a.kind === 'add' ? addMember(cls.id, a.pupilId) : a.kind === 'remove' ? removeMember(cls.id, a.pupilId) : moveMember(cls.id, a.pupilId, a.to!),
    onSuccess: (_r, a) => {
      setOk(t(a.kind === 'add' ? 'added' : a.kind === 'remove' ? 'removed' : 'moved'));
      refresh();
    },
  });
  const [moveTo, setMoveTo] = useState<Record<number, string>>({});
  return (
    <section className="card" aria-labelledby="sc-pupils">
      <h2 id="sc-pupils">
        {t('pupils')} <span className="sc-muted">({t('pupilsN', { count: cls.pupilCount })})</span>
      </h2>
      <Outcome ok={ok} error={act.error} />
      {cls.pupils && cls.pupils.length === 0 && <p>{t('noPupils')}</p>}
      <ol className="sc-people">
        {cls.pupils?.map((p) => (
          <li key={p.id}>
            <span className="sc-name">{fullName(p)}</span>
            <span className="sc-actions">
              <label htmlFor={`sc-mv-${p.id}`} className="visually-hidden">
                {t('moveTo')}: {fullName(p)}
              </label>
              <select id={`sc-mv-${p.id}`} value={moveTo[p.id] ?? ''} onChange={(e) => setMoveTo({ ...moveTo, [p.id]: e.target.value })}>
                <option value="">{t('moveTo')}</option>
                {others.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--secondary sc-small"
                disabled={!moveTo[p.id] || act.isPending}
                onClick={() => {
                  setOk(null);
                  act.mutate({ kind: 'move', pupilId: p.id, to: Number(moveTo[p.id]) });
                }}
              >
                {t('move')}
              </button>
              <button
                type="button"
                className="button button--quiet sc-small"
                disabled={act.isPending}
                onClick={() => {
                  if (window.confirm(t('removeConfirm', { name: fullName(p) }))) {
                    setOk(null);
                    act.mutate({ kind: 'remove', pupilId: p.id });
                  }
                }}
              >
                {t('remove')}
              </button>
            </span>
          </li>
        ))}
      </ol>
      <form
        className="sc-inline"
        role="search"
        aria-labelledby="sc-add"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(typed.trim());
        }}
      >
        <h3 id="sc-add">{t('addPupil')}</h3>
        <label htmlFor="sc-find">{t('searchPupil')}</label>
        <input id="sc-find" type="search" value={typed} maxLength={100} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="button button--secondary">
          {t('search')}
        </button>
      </form>
      {q !== null && (
        <QueryView query={found}>
          {({ items }) =>
            items.length === 0 ? (
              <p>{t('noneFound')}</p>
            ) : (
              <ul className="sc-people">
                {items.map((p) => (
                  <li key={p.id}>
                    <span className="sc-name">{fullName(p)}</span>
                    <button
                      type="button"
                      className="button sc-small"
                      disabled={act.isPending}
                      onClick={() => {
                        setOk(null);
                        act.mutate({ kind: 'add', pupilId: p.id });
                      }}
                    >
                      {t('add')}
                    </button>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryView>
      )}
    </section>
  );
}

function Teachers({ cls }: { cls: ClassDetail }) {
  const { t, i18n } = useTranslation('school');
  const qc = useQueryClient();
  const assignments = useQuery(assignmentsQuery(cls.organisationId));
  const subjects = useQuery(subjectsQuery);
  const teachers = useQuery(peopleQuery(cls.organisationId, { role: 'teacher', pageSize: 200 }));
  const [subject, setSubject] = useState('');
  const [teacher, setTeacher] = useState('');
  const [ok, setOk] = useState<string | null>(null);
  const done = () => {
    setOk(t('saved'));
    void qc.invalidateQueries({ queryKey: ['planning'] });
  };
  const assign = useMutation({
    mutationFn: () =>
      api.post(`/api/learning/organisations/${cls.organisationId}/assignments`, { teacherId: Number(teacher), classId: cls.id, subjectId: Number(subject) }),
    onSuccess: done,
  });
  const unassign = useMutation({ mutationFn: (id: number) => api.delete(`/api/learning/assignments/${id}`), onSuccess: done });
  const mine = (assignments.data?.items ?? []).filter((a) => a.class.id === cls.id);
  return (
    <section className="card" aria-labelledby="sc-teachers">
      <h2 id="sc-teachers">{t('assignments')}</h2>
      <Outcome ok={ok} error={assign.error ?? unassign.error} />
      <QueryView query={assignments}>
        {() =>
          mine.length === 0 ? (
            <p>{t('noAssignments')}</p>
          ) : (
            <ul className="sc-people">
              {mine.map((a) => (
                <li key={a.id}>
                  <span className="sc-name">
                    {localised(a.subject.name, i18n.language)}: {fullName(a.teacher)}
                  </span>
                  <button
                    type="button"
                    className="button button--quiet sc-small"
                    disabled={unassign.isPending}
                    onClick={() => {
                      setOk(null);
                      unassign.mutate(a.id);
                    }}
                  >
                    {t('unassign')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      <form
        className="sc-inline"
        onSubmit={(e) => {
          e.preventDefault();
          setOk(null);
          assign.mutate();
        }}
      >
        <label htmlFor="sc-a-subject">{t('subject')}</label>
        <select id="sc-a-subject" value={subject} onChange={(e) => setSubject(e.target.value)}>
          <option value="">{t('choose')}</option>
          {subjects.data?.items.map((s) => (
            <option key={s.id} value={s.id}>
              {localised(s.name, i18n.language)}
            </option>
          ))}
        </select>
        <label htmlFor="sc-a-teacher">{t('teacher')}</label>
        <select id="sc-a-teacher" value={teacher} onChange={(e) => setTeacher(e.target.value)}>
          <option value="">{t('choose')}</option>
          {teachers.data?.items.map((p) => (
            <option key={p.id} value={p.id}>
              {fullName(p)}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary" disabled={!subject || !teacher || assign.isPending}>
          {t('assign')}
        </button>
      </form>
    </section>
  );
}
