import { Link, useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { childrenQuery, meQuery } from '../../identity/api.js';
import { fullName } from '../../../ui/format.js';

export type PupilTab = 'day' | 'week' | 'marks';

/**
 * The top of a pupil's pages: for a parent, which child (a picker that keeps the page); then the
 * three views of a pupil's learning as tabs (links, so each view has its own address).
 */
export function PupilNav({ pupilId, current }: { pupilId: number; current: PupilTab }) {
  const { t } = useTranslation('learning');
  const me = useQuery(meQuery);
  const isParent = me.data?.roles.some((r) => r.role === 'parent') ?? false;
  return (
    <div className="l-pupil-nav">
      {isParent && <ChildPicker pupilId={pupilId} current={current} />}
      <nav aria-label={t('nav.pupilViews')} className="l-tabs">
        <Link to="/learning/pupils/$pupilId" params={{ pupilId }} aria-current={current === 'day' ? 'page' : undefined} activeOptions={{ exact: true }}>
          {t('nav.tabToday')}
        </Link>
        <Link to="/learning/pupils/$pupilId/week" params={{ pupilId }} aria-current={current === 'week' ? 'page' : undefined}>
          {t('nav.tabWeek')}
        </Link>
        <Link to="/learning/pupils/$pupilId/marks" params={{ pupilId }} aria-current={current === 'marks' ? 'page' : undefined}>
          {t('nav.tabMarks')}
        </Link>
      </nav>
    </div>
  );
}

function ChildPicker({ pupilId, current }: { pupilId: number; current: PupilTab }) {
  const { t } = useTranslation('learning');
  const children = useQuery(childrenQuery);
  const navigate = useNavigate();
  const list = children.data?.children ?? [];
  if (list.length < 2) return list.length === 1 ? <p className="l-child-one">{fullName(list[0]!)}</p> : null;
  const go = (id: number) => {
    const to = current === 'day' ? '/learning/pupils/$pupilId' : current === 'week' ? '/learning/pupils/$pupilId/week' : '/learning/pupils/$pupilId/marks';
    void navigate({ to, params: { pupilId: id } });
  };
  return (
    <div className="field l-child-picker">
      <label htmlFor="l-child">{t('nav.child')}</label>
      <select id="l-child" value={pupilId} onChange={(e) => go(Number(e.target.value))}>
        {list.map((c) => (
          <option key={c.id} value={c.id}>
            {fullName(c)} ({c.classes.map((k) => k.name).join(', ')})
          </option>
        ))}
      </select>
    </div>
  );
}
