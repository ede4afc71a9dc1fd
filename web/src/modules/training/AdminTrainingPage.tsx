import { useId, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatDate, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { coursesQuery, enrolTeachers, orgTeachersQuery, type OrgTeachers } from './api.js';
import './training.css';
import { TableScroll } from '../../ui/TableScroll.js';

function TeacherTable({ data, organisationId }: { data: OrgTeachers; organisationId: number }) {
  const { t, i18n } = useTranslation('training');
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<number[]>([]);
  const enrol = useMutation({
    mutationFn: (teachers: 'all' | number[]) => enrolTeachers(organisationId, data.course.id, teachers),
    onSuccess: async () => {
      setSelected([]);
      await queryClient.invalidateQueries({ queryKey: ['training'] });
    },
  });
  const notFinished = data.teachers.filter((x) => !x.completedAt).length;
  return (
    <section className="card">
      <p>
        {t('teachers', { count: data.teachers.length })} · {t('notFinished', { count: notFinished })}
      </p>
      <div className="training-actions">
        <button type="button" className="button" disabled={enrol.isPending} onClick={() => enrol.mutate('all')}>
          {t('enrolAll')}
        </button>
        <button type="button" className="button button--secondary" disabled={enrol.isPending || selected.length === 0} onClick={() => enrol.mutate(selected)}>
          {t('enrolSelected')}
        </button>
      </div>
      {enrol.isSuccess && <p role="status">{t('enrolDone', { count: enrol.data.enrolled })}</p>}
      {enrol.isError && <ErrorNotice error={enrol.error} />}
      <TableScroll label={localised(data.course.title, lang)}>
        <table className="training-table">
          <caption className="visually-hidden">{localised(data.course.title, lang)}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('enrolSelected')}</span>
              </th>
              <th scope="col">{t('teacher')}</th>
              <th scope="col">{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.teachers.map((x) => (
              <tr key={x.personId}>
                <td>
                  {x.enrolmentId === null && (
                    <input
                      type="checkbox"
                      aria-label={t('select', { name: x.name })}
                      checked={selected.includes(x.personId)}
                      onChange={(e) => setSelected((s) => (e.target.checked ? [...s, x.personId] : s.filter((v) => v !== x.personId)))}
                    />
                  )}
                </td>
                <th scope="row">{x.name}</th>
                <td>
                  {x.completedAt
                    ? t('completedOn', { date: formatDate(x.completedAt.slice(0, 10), lang) })
                    : x.enrolmentId
                      ? t('inProgress')
                      : t('notEnrolled')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** The organisation admin enrols teachers (all in one step, or the selected) and sees who has not finished. */
export function AdminTrainingPage({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('training');
  useTitle(t('adminOpen'));
  const id = useId();
  const courses = useQuery(coursesQuery);
  const [courseId, setCourseId] = useState<number | null>(null);
  return (
    <>
      <h1>{t('adminOpen')}</h1>
      <p>
        <Link to="/training/coverage" search={{ area: `organisation:${organisationId}` }}>
          {t('coverageOpen')}
        </Link>
      </p>
      <QueryView query={courses}>
        {(c) => {
          const chosen = courseId ?? c.courses.find((x) => x.required)?.id ?? c.courses[0]?.id ?? null;
          return (
            <>
              <div className="field">
                <label htmlFor={`${id}-course`}>{t('course')}</label>
                <select id={`${id}-course`} value={chosen ?? ''} onChange={(e) => setCourseId(Number(e.target.value))}>
                  {c.courses.map((x) => (
                    <option key={x.id} value={x.id}>
                      {localised(x.title, i18n.language)}
                    </option>
                  ))}
                </select>
              </div>
              {chosen !== null && <CourseTeachers organisationId={organisationId} courseId={chosen} />}
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function CourseTeachers({ organisationId, courseId }: { organisationId: number; courseId: number }) {
  const q = useQuery(orgTeachersQuery(organisationId, courseId));
  return <QueryView query={q}>{(d) => <TeacherTable data={d} organisationId={organisationId} />}</QueryView>;
}
