import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { formatDate, fullName, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { organisationClassesQuery, organisationQuery } from '../organisations/api.js';
import { coursesQuery, createClass, peopleQuery, reissueCode, SCHOOL_KEY, updateCourse, type Course } from './api.js';
import { Outcome } from './Outcome.js';
import './school.css';

/** The admin's classes and people of one organisation: the classes (and a form for a new one), its people, its courses. */
export default function SchoolPage({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('school');
  const organisation = useQuery(organisationQuery(organisationId));
  useTitle(t('title'));
  return (
    <QueryView query={organisation} heading={t('title')}>
      {(org) => (
        <>
          <nav aria-label={t('title')} className="breadcrumb">
            <ol>
              <li>
                <Link to="/">⌂</Link>
              </li>
              <li>
                <Link to="/organisations/$organisationId" params={{ organisationId }}>
                  {localised(org.name, i18n.language)}
                </Link>
              </li>
            </ol>
          </nav>
          <h1>{t('title')}</h1>
          <Classes organisationId={organisationId} kind={org.kind === 'school' ? 'class' : 'group'} />
          {(org.kind === 'college' || org.kind === 'university') && <Courses organisationId={organisationId} />}
          <People organisationId={organisationId} />
        </>
      )}
    </QueryView>
  );
}

function Classes({ organisationId, kind }: { organisationId: number; kind: 'class' | 'group' }) {
  const { t } = useTranslation('school');
  const classes = useQuery(organisationClassesQuery(organisationId));
  const teachers = useQuery(peopleQuery(organisationId, { role: 'teacher', pageSize: 200 }));
  const qc = useQueryClient();
  const [form, setForm] = useState({ kind, name: '', grade: '', shift: '1', homeroom: '', specialty: '' });
  const [ok, setOk] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      createClass(organisationId, {
        kind: form.kind,
        name: form.name,
        grade: form.grade === '' ? null : Number(form.grade),
        shift: Number(form.shift),
        homeroomTeacherId: form.homeroom ? Number(form.homeroom) : null,
        specialty: form.specialty || null,
      }),
    onSuccess: (c) => {
      setOk(t('created', { name: c.name }));
      setForm({ ...form, name: '' });
      void qc.invalidateQueries({ queryKey: ['organisations', organisationId] });
    },
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => {
    setOk(null);
    setForm({ ...form, [k]: e.target.value });
  };
  return (
    <section className="card" aria-labelledby="sc-classes">
      <h2 id="sc-classes">{t('classes')}</h2>
      <QueryView query={classes}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('noClasses')}</p>
          ) : (
            <ul className="sc-classes">
              {items.map((c) => (
                <li key={c.id}>
                  <Link to="/school/classes/$classId" params={{ classId: c.id }}>
                    {c.name}
                  </Link>
                  <span className="sc-muted">
                    {' '}
                    · {t('pupilsN', { count: c.pupilCount })}
                    {c.homeroomTeacher ? ` · ${fullName(c.homeroomTeacher)}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      <form
        className="form sc-form"
        noValidate
        aria-labelledby="sc-create"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (form.name.trim()) create.mutate();
        }}
      >
        <h3 id="sc-create">{t('create')}</h3>
        <div className="sc-fields">
          <div className="field">
            <label htmlFor="sc-kind">{t('kind')}</label>
            <select id="sc-kind" value={form.kind} onChange={set('kind')}>
              <option value="class">{t('kinds.class')}</option>
              <option value="group">{t('kinds.group')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="sc-name">{t('name')}</label>
            <input id="sc-name" value={form.name} maxLength={40} required aria-describedby="sc-name-hint" onChange={set('name')} />
            <p id="sc-name-hint" className="field__hint">
              {t('nameHint')}
            </p>
          </div>
          {form.kind === 'class' ? (
            <div className="field">
              <label htmlFor="sc-grade">{t('grade')}</label>
              <select id="sc-grade" value={form.grade} onChange={set('grade')}>
                <option value="">—</option>
                {Array.from({ length: 13 }, (_, g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <div className="field">
              <label htmlFor="sc-spec">{t('specialty')}</label>
              <input id="sc-spec" value={form.specialty} maxLength={120} onChange={set('specialty')} />
            </div>
          )}
          <div className="field">
            <label htmlFor="sc-shift">{t('shift')}</label>
            <select id="sc-shift" value={form.shift} onChange={set('shift')}>
              {[1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {t('shiftN', { n })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="sc-homeroom">{t('homeroom')}</label>
            <select id="sc-homeroom" value={form.homeroom} onChange={set('homeroom')}>
              <option value="">{t('noHomeroom')}</option>
              {teachers.data?.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {fullName(p)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Outcome ok={ok} error={create.error} />
        <button type="submit" className="button" disabled={create.isPending || !form.name.trim()}>
          {t('save')}
        </button>
      </form>
    </section>
  );
}

function Courses({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('school');
  const courses = useQuery(coursesQuery(organisationId));
  return (
    <section className="card" aria-labelledby="sc-courses">
      <h2 id="sc-courses">{t('courses')}</h2>
      <QueryView query={courses}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('noCourses')}</p>
          ) : (
            <ul className="sc-people">
              {items.map((c) => (
                <CourseRow key={c.id} course={c} language={i18n.language} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}

function CourseRow({ course, language }: { course: Course; language: string }) {
  const { t } = useTranslation('school');
  const qc = useQueryClient();
  const [credits, setCredits] = useState(course.credits === null ? '' : String(course.credits));
  const [ok, setOk] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => updateCourse(course.id, { credits: credits === '' ? null : Number(credits) }),
    onSuccess: () => {
      setOk(t('saved'));
      void qc.invalidateQueries({ queryKey: SCHOOL_KEY });
    },
  });
  const id = `sc-course-${course.id}`;
  return (
    <li>
      <strong>{course.code}</strong> {course.title ?? localised(course.subject.name, language)}
      <span className="sc-muted">
        {' '}
        · {t('groupsOf')}: {course.groups.map((g) => g.name).join(', ') || '—'}
      </span>
      <form
        className="sc-inline"
        onSubmit={(e) => {
          e.preventDefault();
          setOk(null);
          save.mutate();
        }}
      >
        <label htmlFor={id}>{t('credits')}</label>
        <select id={id} value={credits} onChange={(e) => setCredits(e.target.value)}>
          <option value="">—</option>
          {Array.from({ length: 30 }, (_, i) => (
            <option key={i + 1} value={i + 1}>
              {i + 1}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary" disabled={save.isPending}>
          {t('save')}
        </button>
      </form>
      <Outcome ok={ok} error={save.error} />
    </li>
  );
}

function People({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('school');
  const [role, setRole] = useState('');
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [page, setPage] = useState(1);
  const people = useQuery(peopleQuery(organisationId, { role: role || undefined, q, page, pageSize: 25 }));
  const [issued, setIssued] = useState<string | null>(null);
  const code = useMutation({
    mutationFn: (p: { id: number; name: string }) => reissueCode(organisationId, p.id).then((r) => ({ ...r, name: p.name })),
    onSuccess: (r) => setIssued(t('codeIssued', { name: r.name, code: r.code, date: formatDate(r.expiresAt.slice(0, 10), i18n.language) })),
  });
  return (
    <section className="card" aria-labelledby="sc-people">
      <h2 id="sc-people">{t('people')}</h2>
      <form
        className="sc-inline"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setQ(typed.trim());
        }}
      >
        <label htmlFor="sc-role">{t('role')}</label>
        <select
          id="sc-role"
          value={role}
          onChange={(e) => {
            setPage(1);
            setRole(e.target.value);
          }}
        >
          <option value="">{t('allRoles')}</option>
          {(['pupil', 'parent', 'teacher', 'org_admin', 'gate_guard'] as const).map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
        <label htmlFor="sc-q" className="visually-hidden">
          {t('search')}
        </label>
        <input id="sc-q" type="search" value={typed} maxLength={100} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="button button--secondary">
          {t('search')}
        </button>
      </form>
      <Outcome ok={issued} error={code.error} />
      <QueryView query={people}>
        {(p) => (
          <>
            <p className="sc-muted">{t('total', { count: p.total })}</p>
            <ul className="sc-people">
              {p.items.map((person) => (
                <li key={person.id}>
                  <span className="sc-name">{fullName(person)}</span>
                  <span className="sc-muted">
                    {' '}
                    · {person.roles.map((r) => t(`roles.${r}`)).join(', ')}
                    {person.classes.length > 0 && ` · ${person.classes.map((c) => c.name).join(', ')}`} · {t(`account.${person.account}`)}
                  </span>
                  <button
                    type="button"
                    className="button button--quiet sc-small"
                    disabled={code.isPending}
                    onClick={() => {
                      if (window.confirm(t('codeConfirm', { name: fullName(person) }))) {
                        setIssued(null);
                        code.mutate({ id: person.id, name: fullName(person) });
                      }
                    }}
                  >
                    {t('code')}
                  </button>
                </li>
              ))}
            </ul>
            <Pager page={p.page} pageSize={p.pageSize} total={p.total} onChange={setPage} busy={people.isFetching} />
          </>
        )}
      </QueryView>
    </section>
  );
}
