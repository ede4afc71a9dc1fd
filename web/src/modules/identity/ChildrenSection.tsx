import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { formatDate, fullName, localised } from '../../ui/format.js';
import { childrenQuery, type Me, type RoleGrant } from './api.js';

/** A parent's children, each with their class and school (links to the pages the parent may open). */
export function ChildrenSection(_props: { grant: RoleGrant; me: Me }) {
  const { t, i18n } = useTranslation('identity');
  const lang = i18n.language;
  const children = useQuery(childrenQuery);
  return (
    <Section title={t('children.title')} subtitle={t('roles.parent')}>
      <QueryView query={children}>
        {(data) =>
          data.children.length === 0 ? (
            <p>{t('children.none')}</p>
          ) : (
            <ul className="plain-list">
              {data.children.map((child) => (
                <li key={child.id} className="org-card">
                  <h3 className="org-card__name">{fullName(child)}</h3>
                  <dl className="facts">
                    <dt>{t('children.birthDate')}</dt>
                    <dd>{formatDate(child.birthDate, lang)}</dd>
                    {child.classes.length === 0 && (
                      <>
                        <dt>{t('children.class')}</dt>
                        <dd>{t('children.noClass')}</dd>
                      </>
                    )}
                    {child.classes.map((c) => (
                      <ClassFacts
                        key={c.id}
                        classId={c.id}
                        name={c.name}
                        organisationId={c.organisationId}
                        organisationName={localised(c.organisationName, lang)}
                      />
                    ))}
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

function ClassFacts({ classId, name, organisationId, organisationName }: { classId: number; name: string; organisationId: number; organisationName: string }) {
  const { t } = useTranslation('identity');
  return (
    <>
      <dt>{t('children.class')}</dt>
      <dd>
        <Link to="/classes/$classId" params={{ classId }}>
          {name}
        </Link>
      </dd>
      <dt>{t('children.school')}</dt>
      <dd>
        <Link to="/organisations/$organisationId" params={{ organisationId }}>
          {organisationName}
        </Link>
      </dd>
    </>
  );
}
