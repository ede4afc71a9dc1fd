import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { formatsSettingsQuery } from './api.js';
import { useTranslation } from 'react-i18next';
import { ACTIVITIES, FORMAT_LABELS, FORMATS, LEVEL_LABELS, SITUATION_LEVELS, SPECIALTY_GROUP_LABELS } from './reason.js';
import { langOf } from './FormatBadge.js';
import { localText } from './local-text.js';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const KINDS = ['school', 'college', 'university', 'kindergarten', 'additional'] as const;
const GRADES = Array.from({ length: 13 }, (_, i) => i);
const LANGS = ['kk', 'ru', 'en'] as const;

/** A copy of `o` with `key` set, or removed when the value is undefined (an absent condition matches anything). */
function withKey(o: Loose, key: string, value: unknown): Loose {
  const next = { ...o };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
/** Toggles a value in a list; an empty list is no condition at all. */
function toggle<T>(list: T[], value: T, on: boolean, order?: readonly T[]): T[] | undefined {
  const next = on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
  if (order) next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return next.length ? next : undefined;
}
const numberOrUndefined = (s: string) => (s.trim() === '' || !Number.isFinite(Number(s)) ? undefined : Math.trunc(Number(s)));

function Checks<T extends string | number>({
  legend,
  options,
  chosen,
  label,
  onChange,
}: {
  legend: string;
  options: readonly T[];
  chosen: T[];
  label: (v: T) => string;
  onChange: (next: T[] | undefined) => void;
}) {
  return (
    <fieldset className="fd-choices fd-choices--row">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={String(o)} className="fd-choice">
          <input type="checkbox" checked={chosen.includes(o)} onChange={(e) => onChange(toggle(chosen, o, e.target.checked, options))} />
          <span>{label(o)}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** What a rule (or the default) decides: the format, what is on site when combined, the subgroup cap. */
function OutcomeFields({ then, onChange, prefix }: { then: Loose; onChange: (next: Loose) => void; prefix: string }) {
  const { t, i18n } = useTranslation('formats');
  const lang = langOf(i18n.language);
  const format = typeof then.format === 'string' ? then.format : 'distance';
  return (
    <>
      <div className="fd-row">
        <div className="field">
          <label htmlFor={`${prefix}-format`}>{t('ruleForm.format')}</label>
          <select
            id={`${prefix}-format`}
            value={format}
            onChange={(e) => {
              const f = e.target.value;
              let next = withKey(then, 'format', f);
              next = withKey(next, 'onSite', f === 'combined' ? (strings(then.onSite).length ? then.onSite : ['lab', 'practice']) : undefined);
              onChange(next);
            }}
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f][lang]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-sub`}>{t('ruleForm.subgroupMax')}</label>
          <input
            id={`${prefix}-sub`}
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            value={typeof then.subgroupMax === 'number' ? then.subgroupMax : ''}
            onChange={(e) => onChange(withKey(then, 'subgroupMax', numberOrUndefined(e.target.value)))}
          />
        </div>
      </div>
      {format === 'combined' && (
        <Checks
          legend={t('ruleForm.onSite')}
          options={ACTIVITIES}
          chosen={strings(then.onSite) as (typeof ACTIVITIES)[number][]}
          label={(a) => t(`activities.${a}`)}
          onChange={(v) => onChange(withKey(then, 'onSite', v))}
        />
      )}
    </>
  );
}

function RuleFields({
  rule,
  index,
  count,
  groups,
  onChange,
  onMove,
  onRemove,
}: {
  rule: Loose;
  index: number;
  count: number;
  groups: string[];
  onChange: (next: Loose) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation(['formats', 'organisations']);
  const lang = langOf(i18n.language);
  const scale = useQuery(formatsSettingsQuery).data?.situationScale ?? 'zones';
  const p = `${useId()}-r${index}`;
  const when = isObject(rule.when) ? rule.when : {};
  const then = isObject(rule.then) ? rule.then : {};
  const setWhen = (key: string, value: unknown) => onChange({ ...rule, when: withKey(when, key, value) });
  const title = rule.title;
  const titleIn = (l: (typeof LANGS)[number]) =>
    isObject(title) && typeof title[l] === 'string' ? (title[l] as string) : typeof title === 'string' ? title : '';
  const setTitle = (l: (typeof LANGS)[number], text: string) => {
    const next = Object.fromEntries(LANGS.map((x) => [x, x === l ? text : titleIn(x)]));
    onChange(withKey(rule, 'title', LANGS.every((x) => next[x] === '') ? undefined : next));
  };
  const heading = localText(title, lang) || `#${typeof rule.id === 'string' ? rule.id : index + 1}`;
  return (
    <details className="rule-form__rule">
      <summary>
        {t('ruleForm.ruleN', { n: index + 1 })}: {heading}
      </summary>
      <div className="form">
        <div className="field">
          <label htmlFor={`${p}-id`}>{t('ruleForm.id')}</label>
          <input id={`${p}-id`} maxLength={20} value={typeof rule.id === 'string' ? rule.id : ''} onChange={(e) => onChange({ ...rule, id: e.target.value })} />
        </div>
        {LANGS.map((l) => (
          <div key={l} className="field">
            <label htmlFor={`${p}-t${l}`}>{t(`ruleForm.title${l === 'kk' ? 'Kk' : l === 'ru' ? 'Ru' : 'En'}`)}</label>
            <input id={`${p}-t${l}`} maxLength={200} value={titleIn(l)} onChange={(e) => setTitle(l, e.target.value)} />
          </div>
        ))}
        <h3 className="rule-form__sub">{t('ruleForm.conditions')}</h3>
        <div className="fd-row">
          <div className="field">
            <label htmlFor={`${p}-level`}>{t('ruleForm.level')}</label>
            <select id={`${p}-level`} value={typeof when.level === 'string' ? when.level : ''} onChange={(e) => setWhen('level', e.target.value || undefined)}>
              <option value="">{t('ruleForm.any')}</option>
              <option value="organisation">{t('rules.cond.organisation')}</option>
              <option value="class">{t('rules.cond.class')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${p}-settlement`}>{t('ruleForm.settlement')}</label>
            <select
              id={`${p}-settlement`}
              value={typeof when.settlement === 'string' ? when.settlement : ''}
              onChange={(e) => setWhen('settlement', e.target.value || undefined)}
            >
              <option value="">{t('ruleForm.any')}</option>
              <option value="rural">{t('rules.cond.rural')}</option>
              <option value="urban">{t('rules.cond.urban')}</option>
            </select>
          </div>
        </div>
        <Checks
          legend={t('ruleForm.kinds')}
          options={KINDS}
          chosen={strings(when.kinds) as (typeof KINDS)[number][]}
          label={(k) => t(`organisations:kinds.${k}`)}
          onChange={(v) => setWhen('kinds', v)}
        />
        <div className="fd-row">
          <div className="field">
            <label htmlFor={`${p}-min`}>{t('ruleForm.minPupils')}</label>
            <input
              id={`${p}-min`}
              type="number"
              inputMode="numeric"
              min={0}
              value={typeof when.minPupils === 'number' ? when.minPupils : ''}
              onChange={(e) => setWhen('minPupils', numberOrUndefined(e.target.value))}
            />
          </div>
          <div className="field">
            <label htmlFor={`${p}-max`}>{t('ruleForm.maxPupils')}</label>
            <input
              id={`${p}-max`}
              type="number"
              inputMode="numeric"
              min={0}
              value={typeof when.maxPupils === 'number' ? when.maxPupils : ''}
              onChange={(e) => setWhen('maxPupils', numberOrUndefined(e.target.value))}
            />
          </div>
        </div>
        <Checks
          legend={t('ruleForm.situation')}
          options={SITUATION_LEVELS}
          chosen={strings(when.situation) as (typeof SITUATION_LEVELS)[number][]}
          label={(l) => LEVEL_LABELS[scale][l][lang]}
          onChange={(v) => setWhen('situation', v)}
        />
        <Checks legend={t('ruleForm.grades')} options={GRADES} chosen={numbers(when.grades)} label={(g) => String(g)} onChange={(v) => setWhen('grades', v)} />
        {groups.length > 0 && (
          <Checks
            legend={t('ruleForm.specialtyGroups')}
            options={groups}
            chosen={strings(when.specialtyGroups)}
            label={(g) => SPECIALTY_GROUP_LABELS[g]?.[lang] ?? g}
            onChange={(v) => setWhen('specialtyGroups', v)}
          />
        )}
        <h3 className="rule-form__sub">{t('ruleForm.outcome')}</h3>
        <OutcomeFields then={then} prefix={p} onChange={(next) => onChange({ ...rule, then: next })} />
        <div className="fd-actions">
          <button type="button" className="button button--quiet" disabled={index === 0} onClick={() => onMove(-1)}>
            {t('ruleForm.moveUp')}
          </button>
          <button type="button" className="button button--quiet" disabled={index === count - 1} onClick={() => onMove(1)}>
            {t('ruleForm.moveDown')}
          </button>
          <button type="button" className="button button--quiet" onClick={onRemove}>
            {t('ruleForm.remove')}
          </button>
        </div>
      </div>
    </details>
  );
}

/**
 * The rule set as a form: name, each rule's conditions (organisation kind, rural/urban, pupil count,
 * situation, grades, specialty groups) and outcome, their order, the default. It edits the same body
 * the JSON view shows; conditions the form does not know (e.g. regions) are kept as they are.
 */
export function RuleForm({ body, onChange }: { body: Loose; onChange: (next: Loose) => void }) {
  const { t, i18n } = useTranslation('formats');
  const lang = langOf(i18n.language);
  const id = useId();
  const rules = Array.isArray(body.rules) ? body.rules.filter(isObject) : [];
  const groups = isObject(body.specialtyGroups) ? Object.keys(body.specialtyGroups) : [];
  const setRules = (next: Loose[]) => onChange({ ...body, rules: next });
  const nextId = () => {
    const used = new Set(rules.map((r) => r.id));
    let n = rules.length + 1;
    while (used.has(String(n))) n++;
    return String(n);
  };
  return (
    <div className="form rule-form">
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('ruleForm.name')}</label>
        <input
          id={`${id}-name`}
          maxLength={200}
          value={typeof body.name === 'string' ? body.name : ''}
          onChange={(e) => onChange({ ...body, name: e.target.value })}
        />
      </div>
      <ol className="plain-list rule-form__rules">
        {rules.map((rule, i) => (
          <li key={i}>
            <RuleFields
              rule={rule}
              index={i}
              count={rules.length}
              groups={groups}
              onChange={(next) => setRules(rules.map((r, j) => (j === i ? next : r)))}
              onMove={(by) => {
                const next = [...rules];
                const [moved] = next.splice(i, 1);
                next.splice(i + by, 0, moved!);
                setRules(next);
              }}
              onRemove={() => setRules(rules.filter((_, j) => j !== i))}
            />
          </li>
        ))}
      </ol>
      <div>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setRules([...rules, { id: nextId(), when: {}, then: { format: 'distance' } }])}
        >
          {t('ruleForm.add')}
        </button>
      </div>
      <fieldset className="fd-choices">
        <legend>{t('ruleForm.defaultOutcome')}</legend>
        <label className="fd-choice">
          <input
            type="checkbox"
            checked={!isObject(body.default)}
            onChange={(e) => onChange(withKey(body, 'default', e.target.checked ? undefined : { format: 'distance' }))}
          />
          <span>{t('ruleForm.noDefault')}</span>
        </label>
        {isObject(body.default) && <OutcomeFields then={body.default} prefix={`${id}-default`} onChange={(next) => onChange({ ...body, default: next })} />}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-unknown`}>{t('ruleForm.unknownSituation')}</label>
        <select
          id={`${id}-unknown`}
          value={typeof body.unknownSituation === 'string' ? body.unknownSituation : 'red'}
          onChange={(e) => onChange({ ...body, unknownSituation: e.target.value })}
        >
          {SITUATION_LEVELS.map((l) => (
            <option key={l} value={l}>
              {LEVEL_LABELS.zones[l][lang]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
