import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me, RoleGrant } from '../identity/api.js';
import { QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { localised } from '../../ui/format.js';
import { myChildrenDutyQuery, windowsQuery } from './api.js';
import '../formats/fd.css';

/** A parent's duty-class status per child, in one line each; shown only when a school offers duty classes. */
function ParentDutySection() {
  const { t } = useTranslation('duty');
  const children = useQuery(myChildrenDutyQuery);
  const relevant = (children.data?.children ?? []).filter((c) => c.application || (c.window?.eligible && c.window.isOpen));
  if (children.isSuccess && relevant.length === 0) return null;
  return (
    <Section title={t('title')}>
      <QueryView query={children}>
        {() => (
          <>
            <ul className="plain-list">
              {relevant.map((c) => (
                <li key={c.child.id}>
                  <strong>{c.child.firstName}</strong> ({c.class.name}):{' '}
                  {c.application && c.application.status !== 'withdrawn' ? (
                    <>
                      {t(`status.${c.application.status}`)}
                      {c.application.group && (
                        <>
                          {' '}
                          — {t('window.group', { label: c.application.group.label })}, {t('shiftN', { n: c.application.group.shift })}
                        </>
                      )}
                    </>
                  ) : (
                    t('parent.summaryApply')
                  )}
                </li>
              ))}
            </ul>
            <p>
              <Link to="/duty">{t('parent.allDuty')}</Link>
            </p>
          </>
        )}
      </QueryView>
    </Section>
  );
}

/** A school admin's current window in brief, with the way to the groups and to all windows. */
function AdminDutySection({ grant }: { grant: RoleGrant }) {
  const { t, i18n } = useTranslation('duty');
  const organisationId = grant.scope.organisationId ?? 0;
  const windows = useQuery({ ...windowsQuery(organisationId), enabled: organisationId > 0 });
  // kinds without duty groups (colleges, universities) answer 422 duty.not_applicable: no section then
  if (windows.isError) return null;
  return (
    <Section title={t('title')} subtitle={localised(grant.scope.name, i18n.language)}>
      <QueryView query={windows}>
        {(data) => {
          const current = data.items.find((w) => w.isOpen) ?? data.items[0];
          return (
            <>
              {current ? (
                <p>
                  {current.isOpen ? t('admin.open') : t('admin.closed')}.{' '}
                  {t('admin.counts', {
                    total: current.counts.submitted + current.counts.placed + current.counts.waiting,
                    placed: current.counts.placed,
                    waiting: current.counts.waiting,
                    submitted: current.counts.submitted,
                  })}
                </p>
              ) : (
                <p>{t('admin.noWindows')}</p>
              )}
              <ul className="fd-links">
                {current && (
                  <li>
                    <Link to="/duty/windows/$windowId" params={{ windowId: current.id }}>
                      {t('admin.manage')}
                    </Link>
                  </li>
                )}
                <li>
                  <Link to="/duty/organisations/$organisationId" params={{ organisationId }}>
                    {t('admin.openLink')}
                  </Link>
                </li>
              </ul>
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}

/** The duty blocks of the home page, by role: parents (once) and each organisation an admin runs. */
export function DutyHomeSections({ me }: { me: Me }) {
  const isParent = me.roles.some((g) => g.role === 'parent');
  const admin = me.roles.filter((g) => g.role === 'org_admin' && g.scope.organisationId !== null);
  return (
    <>
      {isParent && <ParentDutySection />}
      {admin.map((g) => (
        <AdminDutySection key={g.scope.organisationId} grant={g} />
      ))}
    </>
  );
}
