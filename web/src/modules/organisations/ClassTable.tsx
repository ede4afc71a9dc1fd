import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatNumber, shortName } from '../../ui/format.js';
import type { SchoolClass } from './api.js';

/**
 * Classes as a three-column table (class with its homeroom teacher, pupils, shift) that fits a
 * 360 px screen without scrolling sideways.
 */
export function ClassTable({
  classes,
  caption,
  viewerId,
  showHomeroom = true,
}: {
  classes: SchoolClass[];
  caption: string;
  viewerId?: number;
  showHomeroom?: boolean;
}) {
  const { t, i18n } = useTranslation('organisations');
  return (
    <div className="table-wrap">
      <table className="class-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('class.name')}</th>
            <th scope="col" className="num">
              {t('class.pupils')}
            </th>
            <th scope="col" className="num">
              {t('class.shift')}
            </th>
          </tr>
        </thead>
        <tbody>
          {classes.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to="/classes/$classId" params={{ classId: c.id }}>
                  {c.name}
                </Link>
                {viewerId !== undefined && c.homeroomTeacher?.id === viewerId ? (
                  <span className="badge">{t('class.youLead')}</span>
                ) : (
                  showHomeroom && (
                    <span className="class-table__homeroom">
                      {t('class.homeroom')}: {c.homeroomTeacher ? shortName(c.homeroomTeacher) : t('class.noHomeroom')}
                    </span>
                  )
                )}
              </th>
              <td className="num">{formatNumber(c.pupilCount, i18n.language)}</td>
              <td className="num">{c.shift}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
