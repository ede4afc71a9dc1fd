import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatDate, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { dateTimeText } from '../duty/days.js';
import { meQuery } from '../identity/api.js';
import { currentRuleSetQuery, previewRuleSet, publishRuleSet, ruleSetsQuery, type RuleSetDetail, type RuleSetPreview, type RuleSetPublished } from './api.js';
import { FormatBadge, langOf } from './FormatBadge.js';
import { ImpactView } from './ImpactView.js';
import { FORMATS, LEVEL_LABELS, SITUATION_LEVELS, SPECIALTY_GROUP_LABELS, type FormatCode } from './reason.js';
import { RuleForm } from './RuleForm.js';
import { localText } from './local-text.js';
import { conditionPhrases, offsetOf, parseJson, prettyJson, type ConditionPhrase, type JsonProblem, type LooseCondition } from './rule-text.js';
import './formats.css';
import { DateInput } from '../../ui/controls.js';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

function usePhrase() {
  const { t, i18n } = useTranslation(['formats', 'organisations']);
  const lang = langOf(i18n.language);
  return (p: ConditionPhrase): string => {
    switch (p.key) {
      case 'level':
        return t(`rules.cond.${p.value}`);
      case 'kinds':
        return p.values.map((k) => t(`organisations:kinds.${k as 'school'}`, { defaultValue: k })).join(', ');
      case 'settlement':
        return t(`rules.cond.${p.value}`);
      case 'maxPupils':
      case 'minPupils':
        return t(`rules.cond.${p.key}`, { count: p.n });
      case 'situation':
        return t('rules.cond.situation', {
          list: p.values.map((l) => ((SITUATION_LEVELS as readonly string[]).includes(l) ? LEVEL_LABELS.zones[l as 'green'][lang] : l)).join(', '),
        });
      case 'grades':
        return t('rules.cond.grades', { list: p.values.join(', ') });
      case 'specialtyGroups':
        return t('rules.cond.specialtyGroups', { list: p.values.map((g) => SPECIALTY_GROUP_LABELS[g]?.[lang] ?? g).join(', ') });
      case 'regions':
        return t('rules.cond.regions', { list: p.values.join(', ') });
    }
  };
}

function Outcome({ then }: { then: unknown }) {
  const { t } = useTranslation('formats');
  if (!isObject(then) || !(FORMATS as readonly unknown[]).includes(then.format)) return <span className="muted">—</span>;
  const onSite = Array.isArray(then.onSite) ? then.onSite.filter((a): a is 'lab' => typeof a === 'string') : [];
  return (
    <>
      <FormatBadge format={then.format as FormatCode} />
      {onSite.length > 0 && <> {t('rules.onSite', { list: onSite.map((a) => t(`activities.${a}`, { defaultValue: a })).join(', ') })}</>}
      {typeof then.subgroupMax === 'number' && <>, {t('rules.subgroup', { n: then.subgroupMax })}</>}
    </>
  );
}

/** The rules in plain words (from the text being edited when it parses, else the published set). */
function RulesSummary({ body }: { body: unknown }) {
  const { t, i18n } = useTranslation('formats');
  const phrase = usePhrase();
  if (!isObject(body) || !Array.isArray(body.rules)) return null;
  const unknown = body.unknownSituation;
  return (
    <details className="rules-summary" open>
      <summary>{t('rules.summary')}</summary>
      <ol>
        {body.rules.filter(isObject).map((r, i) => {
          const phrases = isObject(r.when) ? conditionPhrases(r.when as LooseCondition).map(phrase) : [];
          return (
            <li key={i}>
              {/* the list numbers the rules; an id is shown only when it says something else (no "1. 1.") */}
              <p className="rules-summary__title">
                {localText(r.title, i18n.language)}
                {typeof r.id === 'string' && r.id !== String(i + 1) && <span className="muted"> ({r.id})</span>}
              </p>
              <p>
                <span className="muted">{t('rules.when')}:</span> {phrases.length ? phrases.join('; ') : t('rules.anything')}
              </p>
              <p>
                <span className="muted">{t('rules.then')}:</span> <Outcome then={r.then} />
              </p>
            </li>
          );
        })}
      </ol>
      {isObject(body.default) && (
        <p>
          <span className="muted">{t('rules.default')}:</span> <Outcome then={body.default} />
        </p>
      )}
      {typeof unknown === 'string' && (SITUATION_LEVELS as readonly string[]).includes(unknown) && (
        <p className="muted">{t('rules.unknownSituation', { level: LEVEL_LABELS.zones[unknown as 'red'][langOf(i18n.language)] })}</p>
      )}
    </details>
  );
}

/** What the server said is wrong with the rule set, beyond its sentence: where, which fields, which organisations. */
function ServerProblems({ error, onGoTo }: { error: unknown; onGoTo: (line: number, column: number) => void }) {
  const { t, i18n } = useTranslation('formats');
  if (!isApiError(error) || !error.details) return null;
  const d = error.details;
  if (error.code === 'formats.rule_set_unparseable' && typeof d.line === 'number' && typeof d.column === 'number') {
    return (
      <p>
        {t('rules.jsonAt', { line: d.line, column: d.column })}{' '}
        <button type="button" className="button button--quiet" onClick={() => onGoTo(d.line as number, d.column as number)}>
          {t('rules.goToError')}
        </button>
      </p>
    );
  }
  if (error.code === 'formats.rule_set_invalid' && Array.isArray(d.issues)) {
    return (
      <>
        <p>{t('rules.issues')}</p>
        <ul className="fd-issues">
          {(d.issues as { path?: string; message?: string }[]).map((issue, i) => (
            <li key={i}>
              <code>{issue.path ? t('rules.issueAt', { path: issue.path }) : t('rules.top')}</code>: {issue.message}
            </li>
          ))}
        </ul>
      </>
    );
  }
  if (error.code === 'formats.rule_set_incomplete' && Array.isArray(d.organisations)) {
    type Named = { id: number; name: { kk: string; ru: string; en: string } | null; className: string | null };
    return (
      <>
        <p>{t('rules.incomplete', { count: typeof d.count === 'number' ? d.count : d.organisations.length })}</p>
        <ul className="fd-issues">
          {(d.organisations as Named[]).map((o, i) => (
            <li key={i}>
              <Link to="/formats/organisations/$organisationId" params={{ organisationId: o.id }}>
                {o.name ? localised(o.name, i18n.language) : `#${o.id}`}
              </Link>
              {o.className && <> · {o.className}</>}
            </li>
          ))}
        </ul>
      </>
    );
  }
  return null;
}

function Editor({
  start,
  basedOnVersion,
  regionId,
  canPublish,
  onPublished,
}: {
  start: RuleSetDetail;
  basedOnVersion: number;
  regionId: number | null;
  canPublish: boolean;
  onPublished: (r: RuleSetPublished) => void;
}) {
  const { t } = useTranslation('formats');
  const queryClient = useQueryClient();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [source, setSource] = useState(() => prettyJson(start.body));
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [notes, setNotes] = useState('');
  const [local, setLocal] = useState<JsonProblem | null>(null);
  const [view, setView] = useState<'form' | 'json'>('form');
  const [checked, setChecked] = useState<{ source: string; effectiveFrom: string; result: RuleSetPreview } | null>(null);
  const parsed = parseJson(source);
  const preview = useMutation({
    mutationFn: previewRuleSet,
    onSuccess: (result, vars) => setChecked({ source: vars.source, effectiveFrom: vars.effectiveFrom ?? '', result }),
  });
  const publish = useMutation({
    mutationFn: publishRuleSet,
    onSuccess: async (result) => {
      onPublished(result);
      await queryClient.invalidateQueries({ queryKey: ['formats'] });
    },
  });
  const goTo = (line: number, column: number) => {
    setView('json');
    setTimeout(() => goToNow(line, column), 0); // the text area is shown first
  };
  const goToNow = (line: number, column: number) => {
    const el = area.current;
    if (!el) return;
    const at = offsetOf(source, line, column);
    el.focus();
    el.setSelectionRange(at, Math.min(source.length, at + 1));
  };
  const check = (e: FormEvent) => {
    e.preventDefault();
    setChecked(null);
    publish.reset();
    const p = parseJson(source);
    if (!p.ok) {
      setLocal(p.problem);
      preview.reset();
      return;
    }
    setLocal(null);
    preview.mutate({ regionId, source, effectiveFrom: effectiveFrom || undefined });
  };
  const upToDate = checked !== null && checked.source === source && checked.effectiveFrom === effectiveFrom;
  const stale = isApiError(publish.error) && publish.error.code === 'formats.rule_set_stale';
  return (
    <>
      <RulesSummary body={parsed.ok ? parsed.value : start.body} />
      {canPublish ? (
        <form className="form fd-form" onSubmit={check} noValidate aria-labelledby={`${id}-title`}>
          <h2 id={`${id}-title`}>{t('rules.editor')}</h2>
          <p className="field__hint">{t('rules.editorHint')}</p>
          <p className="muted">{t('rules.basedOn', { version: basedOnVersion })}</p>
          <div className="fd-actions" role="group" aria-label={t('rules.editor')}>
            <button
              type="button"
              className={`button ${view === 'form' ? '' : 'button--secondary'}`}
              aria-pressed={view === 'form'}
              onClick={() => setView('form')}
            >
              {t('ruleForm.structured')}
            </button>
            <button
              type="button"
              className={`button ${view === 'json' ? '' : 'button--secondary'}`}
              aria-pressed={view === 'json'}
              onClick={() => setView('json')}
            >
              {t('ruleForm.advanced')}
            </button>
          </div>
          {view === 'form' &&
            (parsed.ok && isObject(parsed.value) ? (
              <RuleForm
                body={parsed.value}
                onChange={(next) => {
                  setSource(prettyJson(next));
                  setLocal(null);
                }}
              />
            ) : (
              <p className="notice notice--error">{t('ruleForm.unparsable')}</p>
            ))}
          {view === 'json' && <p className="field__hint">{t('ruleForm.advancedHint')}</p>}
          <div className="field" hidden={view !== 'json'}>
            <label htmlFor={`${id}-source`}>{t('rules.source')}</label>
            <textarea
              ref={area}
              id={`${id}-source`}
              className="fd-code"
              rows={18}
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              value={source}
              aria-invalid={local ? true : undefined}
              aria-describedby={`${id}-source-hint`}
              onChange={(e) => {
                setSource(e.target.value);
                setLocal(null);
              }}
            />
            <p id={`${id}-source-hint`} className="field__hint">
              {t('rules.sourceHint')}
            </p>
          </div>
          <div className="fd-row">
            <div className="field">
              <label htmlFor={`${id}-from`}>{t('rules.effectiveFromField')}</label>
              <DateInput id={`${id}-from`} value={effectiveFrom} onChange={setEffectiveFrom} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-notes`}>{t('rules.notesField')}</label>
              <input id={`${id}-notes`} maxLength={1000} value={notes} onChange={(e) => setNotes(e.target.value)} />
            </div>
          </div>
          {local && (
            <div className="notice notice--error" role="alert">
              <p>
                {local.line !== null && local.column !== null
                  ? t('rules.jsonAt', { line: local.line, column: local.column })
                  : t('rules.jsonLocal', { message: local.message })}
              </p>
              {local.line !== null && local.column !== null && (
                <button type="button" className="button button--secondary" onClick={() => goTo(local.line!, local.column!)}>
                  {t('rules.goToError')}
                </button>
              )}
            </div>
          )}
          {preview.isError && (
            <div>
              <ErrorNotice error={preview.error} />
              <ServerProblems error={preview.error} onGoTo={goTo} />
            </div>
          )}
          <div className="fd-actions">
            <button type="submit" className="button button--secondary" disabled={preview.isPending}>
              {preview.isPending ? t('rules.checking') : t('rules.check')}
            </button>
            <button
              type="button"
              className="button"
              disabled={!upToDate || publish.isPending}
              aria-describedby={upToDate ? undefined : `${id}-check-first`}
              onClick={() => publish.mutate({ regionId, source, effectiveFrom: effectiveFrom || undefined, notes, basedOnVersion })}
            >
              {publish.isPending ? t('rules.publishing') : t('rules.publish')}
            </button>
          </div>
          {!upToDate && (
            <p id={`${id}-check-first`} className="field__hint">
              {t('rules.checkFirst')}
            </p>
          )}
          {publish.isError && (
            <div>
              <ErrorNotice error={publish.error} />
              <ServerProblems error={publish.error} onGoTo={goTo} />
              {stale && (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void queryClient.invalidateQueries({ queryKey: ['formats', 'rule-sets'] })}
                >
                  {t('rules.reload')}
                </button>
              )}
            </div>
          )}
          <div aria-live="polite">
            {upToDate && checked && (
              <>
                <p className="notice">{t('rules.valid', { version: checked.result.version })}</p>
                <ImpactView impact={checked.result.impact} />
              </>
            )}
          </div>
        </form>
      ) : (
        <p className="notice">{t('rules.readOnly')}</p>
      )}
    </>
  );
}

/**
 * The format rules: published versions, the rules in plain words, and (for the ministry, or a region
 * where allowed) a JSON editor that checks the text, previews the impact and publishes.
 */
export function RulesPage({ regionId }: { regionId?: number }) {
  const { t, i18n } = useTranslation(['formats', 'common']);
  const lang = i18n.language;
  useTitle(t('nav.rules'));
  const me = useQuery(meQuery);
  const list = useQuery(ruleSetsQuery(regionId));
  // a region without versions of its own has no current set: it is not asked for (that would be a 404)
  const noOwnVersions = regionId !== undefined && list.data !== undefined && !list.data.items.some((s) => s.region?.id === regionId);
  const own = useQuery({ ...currentRuleSetQuery(regionId), enabled: regionId === undefined || (list.data !== undefined && !noOwnVersions) });
  // a region without rules of its own starts from the country's
  const missingOwn = noOwnVersions || (regionId !== undefined && isApiError(own.error) && own.error.code === 'formats.rule_set_not_found');
  const country = useQuery({ ...currentRuleSetQuery(undefined), enabled: missingOwn });
  const start = missingOwn ? country : own;
  const [published, setPublished] = useState<RuleSetPublished | null>(null);
  const publishedRef = useRef<HTMLElement>(null);
  // the editor starts afresh from the new version below; the confirmation is at the top, so go there
  useEffect(() => {
    if (published) publishedRef.current?.focus();
  }, [published]);
  const regionGrants = (me.data?.roles ?? []).filter((g) => g.role === 'region_officer' && g.scope.regionId !== null);
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
          <li>
            <Link to="/formats">{t('title')}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t('nav.rules')}</h1>
      {regionGrants.length > 0 && (
        <ul className="fd-links fd-links--inline">
          <li>
            <Link to="/formats/rules" search={{}} activeOptions={{ includeSearch: true }}>
              {t('rules.country')}
            </Link>
          </li>
          {regionGrants.map((g) => (
            <li key={g.scope.regionId}>
              <Link to="/formats/rules" search={{ regionId: g.scope.regionId! }} activeOptions={{ includeSearch: true }}>
                {localised(g.scope.name, lang)}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {published && (
        <section className="card" ref={publishedRef} tabIndex={-1} aria-label={t('rules.published', { version: published.ruleSet.version })}>
          <p className="notice" role="status">
            {t('rules.published', { version: published.ruleSet.version })}
          </p>
          <ImpactView impact={published.impact} />
        </section>
      )}
      <section className="card" aria-labelledby="rules-versions">
        <h2 id="rules-versions">{t('rules.versions')}</h2>
        <QueryView query={list}>
          {(data) =>
            data.items.length === 0 ? (
              <p>{t('rules.noVersions')}</p>
            ) : (
              <ul className="plain-list">
                {data.items.map((s) => (
                  <li key={s.id} className="org-card">
                    <p>
                      <strong>v{s.version}</strong> · {s.region ? localised(s.region.name, lang) : t('rules.country')} · {localText(s.names, lang) || s.name}
                    </p>
                    {s.about && <p>{localText(s.about, lang)}</p>}
                    <p className="muted">
                      {t('rules.effectiveFrom')}: {formatDate(s.effectiveFrom, lang)} · {t('rules.publishedBy')}: {s.publishedBy ?? '—'},{' '}
                      {dateTimeText(s.publishedAt, lang)}
                    </p>
                    {s.notes && (
                      <p>
                        {t('rules.notes')}: {s.notes}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryView>
      </section>
      <section className="card">
        <QueryView query={start}>
          {(detail) => (
            <Editor
              key={`${regionId ?? 'country'}-${detail.id}`}
              start={detail}
              regionId={regionId ?? null}
              basedOnVersion={missingOwn ? 0 : detail.version}
              canPublish={list.data?.canPublish ?? false}
              onPublished={setPublished}
            />
          )}
        </QueryView>
      </section>
    </>
  );
}
