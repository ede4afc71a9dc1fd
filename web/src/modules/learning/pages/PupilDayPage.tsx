import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../ui/feedback.js';
import { fullName } from '../../../ui/format.js';
import { useTitle } from '../../../ui/useTitle.js';
import { diaryQuery } from '../api.js';
import { DayView } from '../components/DayView.js';
import { Crumbs } from '../components/Crumbs.js';
import { PupilNav } from '../components/PupilNav.js';
import { longDay } from '../format.js';
import { addDays } from '../time.js';
import '../learning.css';

/** "Today" of a pupil (their own, or a parent's child), or another day with `date`. */
export default function PupilDayPage({ pupilId, date }: { pupilId: number; date?: string }) {
  const { t, i18n } = useTranslation('learning');
  const diary = useQuery({ ...diaryQuery(pupilId, date ? { from: date, to: date } : undefined), enabled: pupilId > 0 });
  const d = diary.data;
  const isToday = d ? d.from === d.today : !date;
  useTitle(isToday ? t('nav.today') : d ? longDay(t, d.from, i18n.language) : t('nav.today'));
  return (
    <>
      <Crumbs />
      <QueryView query={diary} heading={t('nav.today')}>
        {(data) => (
          <>
            <h1>{data.from === data.today ? t('day.todayTitle', { date: longDay(t, data.from, i18n.language) }) : longDay(t, data.from, i18n.language)}</h1>
            <p className="lead">{fullName(data.pupil)}</p>
            <PupilNav pupilId={pupilId} current="day" />
            <nav className="l-daynav" aria-label={t('day.otherDays')}>
              <Link to="/learning/pupils/$pupilId" params={{ pupilId }} search={{ date: addDays(data.from, -1) }} className="button button--secondary">
                <span aria-hidden="true">← </span>
                {t('day.previous')}
              </Link>
              {data.from !== data.today && (
                <Link to="/learning/pupils/$pupilId" params={{ pupilId }} search={{}} className="button button--secondary">
                  {t('nav.today')}
                </Link>
              )}
              <Link to="/learning/pupils/$pupilId" params={{ pupilId }} search={{ date: addDays(data.from, 1) }} className="button button--secondary">
                {t('day.next')}
                <span aria-hidden="true"> →</span>
              </Link>
            </nav>
            <div className="card" aria-busy={diary.isPlaceholderData}>
              <DayView diary={data} />
            </div>
          </>
        )}
      </QueryView>
    </>
  );
}
