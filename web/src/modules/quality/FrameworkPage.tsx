import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatDate, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { frameworkQuery, frameworksQuery, publishFramework, type EvidenceKey, type Framework } from './api.js';
import './quality.css';

const EVIDENCE: EvidenceKey[] = ['remoteShare', 'materialsShare', 'presentShare', 'onlineShare', 'markedShare', 'markedInTimeShare', 'trainedShare'];
const LANGS = ['kk', 'ru', 'en'] as const;
type Areas = Framework['areas'];

/** The ministry's editor of the criteria: every change is published as a new version (assessments keep theirs). */
export function FrameworkPage() {
  const { t } = useTranslation('quality');
  useTitle(t('framework.title'));
  const current = useQuery(frameworkQuery);
  return (
    <QueryView query={current} heading={t('framework.title')}>
      {(f) => <Editor key={f.id} f={f} />}
    </QueryView>
  );
}

function Editor({ f }: { f: Framework }) {
  const { t, i18n } = useTranslation('quality');
  const lang = i18n.language;
  const qc = useQueryClient();
  const versions = useQuery(frameworksQuery);
  const [areas, setAreas] = useState<Areas>(() => structuredClone(f.areas));
  const [note, setNote] = useState('');
  const publish = useMutation({
    mutationFn: () => publishFramework({ areas, note }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['quality'] });
    },
  });
  const setArea = (i: number, fn: (a: Areas[number]) => Areas[number]) => setAreas((xs) => xs.map((a, j) => (j === i ? fn(a) : a)));
  const setCriterion = (i: number, k: number, fn: (c: Areas[number]['criteria'][number]) => Areas[number]['criteria'][number]) =>
    setArea(i, (a) => ({ ...a, criteria: a.criteria.map((c, j) => (j === k ? fn(c) : c)) }));
  return (
    <div className="quality">
      <h1>{t('framework.title')}</h1>
      <p>{t('framework.intro', { version: f.version })}</p>
      <QueryView query={versions}>
        {(v) => (
          <details className="card">
            <summary>{t('framework.versions')}</summary>
            <ul className="plain-list">
              {v.frameworks.map((x) => (
                <li key={x.id}>
                  {t('form.version', { version: x.version })} · {formatDate(x.createdAt.slice(0, 10), lang)} · {t('framework.criteria', { count: x.criteria })}
                  {x.note && ` · ${x.note}`}
                </li>
              ))}
            </ul>
          </details>
        )}
      </QueryView>
      {areas.map((area, i) => (
        <section key={area.key} className="card quality-area" aria-labelledby={`quality-edit-${area.key}`}>
          <h2 id={`quality-edit-${area.key}`}>{localised(area.title, lang) || area.key}</h2>
          {LANGS.map((l) => (
            <div className="field" key={l}>
              <label htmlFor={`qa-${area.key}-${l}`}>{t('framework.areaTitle', { lang: l })}</label>
              <input
                id={`qa-${area.key}-${l}`}
                value={area.title[l]}
                maxLength={1000}
                onChange={(e) => setArea(i, (a) => ({ ...a, title: { ...a.title, [l]: e.target.value } }))}
              />
            </div>
          ))}
          {area.criteria.map((c, k) => (
            <fieldset key={c.key} className="quality-criterion">
              <legend>{c.key}</legend>
              {LANGS.map((l) => (
                <div className="field" key={l}>
                  <label htmlFor={`qc-${area.key}-${c.key}-${l}`}>{t('framework.criterionTitle', { lang: l })}</label>
                  <textarea
                    id={`qc-${area.key}-${c.key}-${l}`}
                    rows={2}
                    maxLength={1000}
                    value={c.title[l]}
                    onChange={(e) => setCriterion(i, k, (x) => ({ ...x, title: { ...x.title, [l]: e.target.value } }))}
                  />
                </div>
              ))}
              <fieldset className="quality-filter">
                <legend>{t('framework.evidence')}</legend>
                {EVIDENCE.map((ek) => (
                  <label key={ek} htmlFor={`qe-${area.key}-${c.key}-${ek}`}>
                    <input
                      id={`qe-${area.key}-${c.key}-${ek}`}
                      type="checkbox"
                      checked={c.evidence.includes(ek)}
                      onChange={(e) =>
                        setCriterion(i, k, (x) => ({ ...x, evidence: e.target.checked ? [...x.evidence, ek] : x.evidence.filter((y) => y !== ek) }))
                      }
                    />{' '}
                    {t(`evidence.${ek}`, { days: 3 })}
                  </label>
                ))}
              </fieldset>
              {area.criteria.length > 1 && (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setArea(i, (a) => ({ ...a, criteria: a.criteria.filter((_, j) => j !== k) }))}
                >
                  {t('framework.remove', { key: c.key })}
                </button>
              )}
            </fieldset>
          ))}
          <AddCriterion
            taken={areas.flatMap((a) => a.criteria.map((c) => c.key))}
            onAdd={(key) => setArea(i, (a) => ({ ...a, criteria: [...a.criteria, { key, title: { kk: '', ru: '', en: '' }, evidence: [] }] }))}
            areaKey={area.key}
          />
        </section>
      ))}
      <div className="card quality-actions">
        <div className="field">
          <label htmlFor="quality-note">{t('framework.note')}</label>
          <input id="quality-note" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <button type="button" className="button" disabled={publish.isPending} onClick={() => publish.mutate()}>
          {t('framework.publish')}
        </button>
        {publish.isSuccess && <p role="status">{t('framework.published', { version: publish.data.version })}</p>}
        {publish.isError && <ErrorNotice error={publish.error} />}
      </div>
    </div>
  );
}

function AddCriterion({ taken, onAdd, areaKey }: { taken: string[]; onAdd: (key: string) => void; areaKey: string }) {
  const { t } = useTranslation('quality');
  const [key, setKey] = useState('');
  const valid = /^[a-z][a-z0-9_]{0,39}$/.test(key) && !taken.includes(key);
  return (
    <div className="field">
      <label htmlFor={`qn-${areaKey}`}>{t('framework.newKey')}</label>
      <div className="quality-buttons">
        <input id={`qn-${areaKey}`} value={key} maxLength={40} pattern="[a-z][a-z0-9_]*" onChange={(e) => setKey(e.target.value.trim())} />
        <button
          type="button"
          className="button button--secondary"
          disabled={!valid}
          onClick={() => {
            onAdd(key);
            setKey('');
          }}
        >
          {t('framework.add')}
        </button>
      </div>
    </div>
  );
}
