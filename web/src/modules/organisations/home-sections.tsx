import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me, RoleGrant } from '../identity/api.js';
import { QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { Pager } from '../../ui/Pager.js';
import { formatNumber, fullName, localised } from '../../ui/format.js';
import { organisationClassesQuery, organisationQuery, organisationsQuery } from './api.js';
import { ClassTable } from './ClassTable.js';
import { OrganisationCard } from './OrganisationCard.js';

interface Props {
  grant: RoleGrant;
  me: Me;
}

/** "Teacher · School No. 12": the role and the place it applies to, under a section's title. */
function useScopeLine(grants: RoleGrant[]): string {
  const { t, i18n } = useTranslation('identity');
  return grants
    .map((g) => [t(`roles.${g.role}`), localised(g.scope.name, i18n.language)].filter(Boolean).join(' · '))
    .join('; ');
}

/** The classes the API lets this person see at the organisation of a grant (shared cache per organisation). */
function useGrantClasses(grant: RoleGrant) {
  const id = grant.scope.organisationId ?? 0;
  return useQuery({ ...organisationClassesQuery(id), enabled: id > 0 });
}

export function PupilSection({ grant }: Props) {
  const { t, i18n } = useTranslation('organisations');
  const scope = useScopeLine([grant]);
  const classes = useGrantClasses(grant);
  return (
    <Section title={t('sections.pupil')} subtitle={scope}>
      <QueryView query={classes}>
        {({ items }) => items.length === 0 ? <p>{t('sections.pupilNone')}</p> : (
          <ul className="plain-list">
            {items.map((c) => (
              <li key={c.id} className="org-card">
                <h3 className="org-card__name"><Link to="/classes/$classId" params={{ classId: c.id }}>{c.name}</Link></h3>
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
        )}
      </QueryView>
    </Section>
  );
}

export function TeacherSection({ grant, me }: Props) {
  const { t } = useTranslation('organisations');
  const scope = useScopeLine([grant]);
  const classes = useGrantClasses(grant);
  const title = t('sections.teacher');
  return (
    <Section title={title} subtitle={scope}>
      <QueryView query={classes}>
        {({ items }) => items.length === 0
          ? <p>{t('sections.teacherNone')}</p>
          : <ClassTable classes={items} caption={title} viewerId={me.person.id} />}
      </QueryView>
    </Section>
  );
}

export function HomeroomSection({ grant, me }: Props) {
  const { t } = useTranslation('organisations');
  const scope = useScopeLine([grant]);
  const classes = useGrantClasses(grant);
  const title = t('sections.homeroom');
  return (
    <Section title={title} subtitle={scope}>
      <QueryView query={classes}>
        {({ items }) => {
          const led = items.filter((c) => c.homeroomTeacher?.id === me.person.id);
          return led.length === 0 ? <p>{t('sections.homeroomNone')}</p> : <ClassTable classes={led} caption={title} showHomeroom={false} />;
        }}
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
        {({ items }) => items.length === 0
          ? <p>{t('organisation.noClasses')}</p>
          : <ClassTable classes={items} caption={t('organisation.classes')} />}
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
  const list = useQuery(organisationsQuery(page, OFFICER_PAGE_SIZE));
  const lastPage = list.data ? Math.max(1, Math.ceil(list.data.total / OFFICER_PAGE_SIZE)) : 1;
  // an old link past the end (organisations were merged or closed): go to the last page there is
  useEffect(() => {
    if (list.data && !list.isPlaceholderData && page > lastPage) onPage(lastPage);
  }, [list.data, list.isPlaceholderData, page, lastPage, onPage]);
  return (
    <Section title={t('sections.officer')} subtitle={scope} headingRef={heading}>
      <QueryView query={list}>
        {(data) => data.total === 0 ? <p>{t('sections.officerNone')}</p> : (
          <>
            <p>{t('sections.officerTotal', { total: formatNumber(data.total, i18n.language) })}</p>
            <ul className="plain-list" aria-busy={list.isPlaceholderData}>
              {data.items.map((o) => <li key={o.id}><OrganisationCard organisation={o} /></li>)}
            </ul>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={turn} busy={list.isPlaceholderData} />
          </>
        )}
      </QueryView>
    </Section>
  );
}
