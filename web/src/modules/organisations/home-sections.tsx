import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me, RoleGrant } from '../identity/api.js';
import { QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { Pager } from '../../ui/Pager.js';
import { formatNumber, fullName, localised } from '../../ui/format.js';
import { myClassesQuery, organisationClassesQuery, organisationQuery, organisationsQuery, type MyClass } from './api.js';
import { ClassTable } from './ClassTable.js';
import { OrganisationCard } from './OrganisationCard.js';

interface Props {
  grant: RoleGrant;
  me: Me;
}

/** "Teacher · School No. 12": the role and the place it applies to, under a section's title. */
function useScopeLine(grants: RoleGrant[]): string {
  const { t, i18n } = useTranslation('identity');
  return grants.map((g) => [t(`roles.${g.role}`), localised(g.scope.name, i18n.language)].filter(Boolean).join(' · ')).join('; ');
}

/** The classes the API lets this person see at the organisation of a grant (shared cache per organisation). */
function useGrantClasses(grant: RoleGrant) {
  const id = grant.scope.organisationId ?? 0;
  return useQuery({ ...organisationClassesQuery(id), enabled: id > 0 });
}

/** The person's own classes at the grant's organisation tied by `relation` (one request shared by all sections). */
function useMyClasses(grant: RoleGrant, relation: MyClass['relations'][number]) {
  return useQuery({
    ...myClassesQuery(),
    select: (data) => ({ items: data.items.filter((c) => c.organisationId === grant.scope.organisationId && c.relations.includes(relation)) }),
  });
}

export function PupilSection({ grant }: Props) {
  const { t, i18n } = useTranslation('organisations');
  const scope = useScopeLine([grant]);
  const classes = useMyClasses(grant, 'pupil');
  return (
    <Section title={t('sections.pupil')} subtitle={scope}>
      <QueryView query={classes}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('sections.pupilNone')}</p>
          ) : (
            <ul className="plain-list">
              {items.map((c) => (
                <li key={c.id} className="org-card">
                  <h3 className="org-card__name">
                    <Link to="/classes/$classId" params={{ classId: c.id }}>
                      {c.name}
                    </Link>
                  </h3>
                  <dl className="facts">
                    <dt>{t('class.homeroom')}</dt>
                    <dd>{c.homeroomTeacher ? fullName(c.homeroomTeacher) : t('class.noHomeroom')}</dd>
                    <dt>{t('class.shift')}</dt>
                    <dd>{t('class.shiftN', { n: c.shift })}</dd>
                    <dt>{t('class.pupilCount')}</dt>
                    <dd>{formatNumber(c.pupilCount, i18n.language)}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Section>
  );
}

export function TeacherSection({ grant, me }: Props) {
  const { t, i18n } = useTranslation('organisations');
  const scope = useScopeLine([grant]);
  const classes = useMyClasses(grant, 'teacher');
  const title = t('sections.teacher');
  return (
    <Section title={title} subtitle={scope}>
      <QueryView query={classes}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('sections.teacherNone')}</p>
          ) : (
            <>
              <ClassTable classes={items} caption={title} viewerId={me.person.id} />
              <p className="muted">
                {t('sections.subjects')}: {[...new Set(items.flatMap((c) => c.subjects.map((s) => localised(s.name, i18n.language))))].join(', ')}
              </p>
            </>
          )
        }
      </QueryView>
    </Section>
  );
}

export function HomeroomSection({ grant }: Props) {
  const { t } = useTranslation('organisations');
  const scope = useScopeLine([grant]);
  const classes = useMyClasses(grant, 'homeroom');
  const title = t('sections.homeroom');
  return (
    <Section title={title} subtitle={scope}>
      <QueryView query={classes}>
        {({ items }) => (items.length === 0 ? <p>{t('sections.homeroomNone')}</p> : <ClassTable classes={items} caption={title} showHomeroom={false} />)}
      </QueryView>
    </Section>
  );
}

export function OrgAdminSection({ grant }: Props) {
  const { t } = useTranslation('organisations');
  const scope = useScopeLine([grant]);
  const id = grant.scope.organisationId ?? 0;
  const organisation = useQuery({ ...organisationQuery(id), enabled: id > 0 });
  const classes = useGrantClasses(grant);
  return (
    <Section title={t('sections.orgAdmin')} subtitle={scope}>
      <QueryView query={organisation}>{(o) => <OrganisationCard organisation={o} />}</QueryView>
      <h3>{t('organisation.classes')}</h3>
      <QueryView query={classes}>
        {({ items }) => (items.length === 0 ? <p>{t('organisation.noClasses')}</p> : <ClassTable classes={items} caption={t('organisation.classes')} />)}
      </QueryView>
    </Section>
  );
}

export function GuardSection({ grant }: Props) {
  const { t } = useTranslation('organisations');
  const scope = useScopeLine([grant]);
  const id = grant.scope.organisationId ?? 0;
  const organisation = useQuery({ ...organisationQuery(id), enabled: id > 0 });
  return (
    <Section title={t('sections.guard')} subtitle={scope}>
      <QueryView query={organisation}>{(o) => <OrganisationCard organisation={o} />}</QueryView>
    </Section>
  );
}

const OFFICER_PAGE_SIZE = 20;

/** District, region and ministry officers: the organisations of their area, a page at a time. */
export function OfficerSection({ grants, page, onPage }: { grants: RoleGrant[]; page: number; onPage: (page: number) => void }) {
  const { t, i18n } = useTranslation('organisations');
  const scope = useScopeLine(grants);
  const heading = useRef<HTMLHeadingElement>(null);
  const turn = (next: number) => {
    onPage(next);
    heading.current?.focus(); // back to the top of the list, for eyes and screen readers alike
  };
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  // search on submit, not per keystroke: one request on a slow link
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(typed.trim());
    onPage(1);
  };
  const list = useQuery(organisationsQuery(page, OFFICER_PAGE_SIZE, q));
  const lastPage = list.data ? Math.max(1, Math.ceil(list.data.total / OFFICER_PAGE_SIZE)) : 1;
  // an old link past the end (organisations were merged or closed): go to the last page there is
  useEffect(() => {
    if (list.data && !list.isPlaceholderData && page > lastPage) onPage(lastPage);
  }, [list.data, list.isPlaceholderData, page, lastPage, onPage]);
  return (
    <Section title={t('sections.officer')} subtitle={scope} headingRef={heading}>
      <form className="search-form" role="search" onSubmit={search}>
        <label htmlFor="org-search">{t('sections.search')}</label>
        <div className="search-form__row">
          <input id="org-search" type="search" value={typed} maxLength={100} onChange={(e) => setTyped(e.target.value)} />
          <button type="submit">{t('sections.searchButton')}</button>
          {q && (
            <button
              type="button"
              onClick={() => {
                setTyped('');
                setQ('');
                onPage(1);
              }}
            >
              {t('sections.searchClear')}
            </button>
          )}
        </div>
      </form>
      <QueryView query={list}>
        {(data) =>
          data.total === 0 ? (
            <p>{q ? t('sections.searchNone', { q }) : t('sections.officerNone')}</p>
          ) : (
            <>
              <p>{t('sections.officerTotal', { total: formatNumber(data.total, i18n.language) })}</p>
              <ul className="plain-list" aria-busy={list.isPlaceholderData}>
                {data.items.map((o) => (
                  <li key={o.id}>
                    <OrganisationCard organisation={o} />
                  </li>
                ))}
              </ul>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={turn} busy={list.isPlaceholderData} />
            </>
          )
        }
      </QueryView>
    </Section>
  );
}
