import { useId } from 'react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, localised } from '../../ui/format.js';
import type { Impact } from './api.js';
import { FormatBadge, langOf } from './FormatBadge.js';
import { renderReasonParts } from './reason.js';

/**
 * What a change would do (preview) or did (publish): how many organisations, classes and pupils
 * change format, which format to which, by district, and a few examples with their new reason.
 */
export function ImpactView({ impact }: { impact: Impact }) {
  const { t, i18n } = useTranslation('formats');
  const lang = i18n.language;
  const n = (v: number) => formatNumber(v, lang);
  const id = useId();
  const { totals } = impact;
  const nothing = totals.organisations === 0 && totals.classes === 0;
  return (
    <section className="fd-impact" aria-labelledby={id}>
      <h3 id={id}>{t('impact.title', { date: formatDate(impact.effectiveFrom, lang) })}</h3>
      {nothing ? (
        <p>{t('impact.none')}</p>
      ) : (
        <>
          <dl className="fd-impact__totals">
            <div>
              <dt>{t('impact.organisations')}</dt>
              <dd>{n(totals.organisations)}</dd>
            </div>
            <div>
              <dt>{t('impact.classes')}</dt>
              <dd>{n(totals.classes)}</dd>
            </div>
            <div>
              <dt>{t('impact.pupils')}</dt>
              <dd>{n(totals.pupils)}</dd>
            </div>
          </dl>
          {impact.transitions.length > 0 && (
            <>
              <h4>{t('impact.transitions')}</h4>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('impact.transition')}</th>
                      <th scope="col" className="num">
                        {t('impact.organisations')}
                      </th>
                      <th scope="col" className="num">
                        {t('impact.classes')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {impact.transitions.map((tr, i) => (
                      <tr key={i}>
                        <th scope="row" className="fd-impact__transition">
                          {tr.from ? <FormatBadge format={tr.from} /> : <span className="muted">{t('impact.noFormat')}</span>}
                          <span aria-hidden="true"> → </span>
                          <span className="visually-hidden"> — </span>
                          <FormatBadge format={tr.to} />
                        </th>
                        <td className="num">{n(tr.organisations)}</td>
                        <td className="num">{n(tr.classes)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {impact.byDistrict.length > 0 && (
            <>
              <h4>{t('impact.byDistrict')}</h4>
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{t('impact.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('impact.district')}</th>
                      <th scope="col" className="num">
                        {t('impact.organisations')}
                      </th>
                      <th scope="col" className="num">
                        {t('impact.classes')}
                      </th>
                      <th scope="col" className="num">
                        {t('impact.pupils')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {impact.byDistrict.map((d) => (
                      <tr key={d.district.id}>
                        <th scope="row">
                          {localised(d.district.name, lang)}
                          <span className="fd-impact__region">{localised(d.region.name, lang)}</span>
                        </th>
                        <td className="num">{n(d.organisations)}</td>
                        <td className="num">{n(d.classes)}</td>
                        <td className="num">{n(d.pupils)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {impact.examples.length > 0 && (
            <>
              <h4>{t('impact.examples')}</h4>
              <ul className="plain-list fd-impact__examples">
                {impact.examples.map((e, i) => (
                  <li key={i}>
                    <Link to="/formats/organisations/$organisationId" params={{ organisationId: e.organisation.id }}>
                      {localised(e.organisation.name, lang)}
                    </Link>
                    {e.class && <> · {e.class.name}</>}
                    <div>
                      {e.from ? <FormatBadge format={e.from} /> : <span className="muted">{t('impact.noFormat')}</span>}
                      <span aria-hidden="true"> → </span>
                      <span className="visually-hidden"> — </span>
                      <FormatBadge format={e.to} />
                    </div>
                    <p className="fd-reason">{renderReasonParts(e.reason, langOf(lang))}</p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {impact.heldByOverride > 0 && <p className="muted">{t('impact.held', { n: impact.heldByOverride })}</p>}
    </section>
  );
}
