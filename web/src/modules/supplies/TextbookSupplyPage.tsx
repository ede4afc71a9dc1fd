import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { DateInput, FileInput } from '../../ui/controls.js';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { formatDate, formatNumber, localised } from '../../ui/format.js';
import { textbookApi, type OrderDetail, type Progress, type TitleOption } from './textbook-api.js';

const KEY = ['supplies', 'textbooks'] as const;
const titleText = (t: { title: string; grade: number }) => t.title;

/** Textbook supply by role: the school admin receives deliveries; officers watch progress; region officers and the ministry order and plan. */
export function TextbookSupplyPage({ me }: { me: Me }) {
  const { t } = useTranslation('supplies');
  const adminOrgs = me.roles.filter((r) => r.role === 'org_admin' && r.scope.organisationId).map((r) => r.scope.organisationId!);
  const officer = me.roles.some((r) => ['district_officer', 'region_officer', 'ministry_officer'].includes(r.role));
  const orderRegions = me.roles.filter((r) => r.role === 'region_officer' && r.scope.regionId).map((r) => r.scope.regionId!);
  const ministry = me.roles.some((r) => r.role === 'ministry_officer');
  return (
    <div className="supplies">
      <h1>{t('textbooks.title')}</h1>
      {adminOrgs.map((org) => (
        <SchoolDeliveries key={org} organisationId={org} />
      ))}
      {officer && <ProgressView />}
      {(ministry || orderRegions.length > 0) && <Orders regions={orderRegions} ministry={ministry} />}
    </div>
  );
}

// ── school admin ─────────────────────────────────────────────────────────────────────────────────

function SchoolDeliveries({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('supplies');
  const qc = useQueryClient();
  const id = useId();
  const q = useQuery({ queryKey: [...KEY, 'dispatches', organisationId], queryFn: ({ signal }) => textbookApi.dispatches(organisationId, signal) });
  const [titleId, setTitleId] = useState(0);
  const [copies, setCopies] = useState('');
  // empty: the server's today
  const [receivedOn, setReceivedOn] = useState('');
  const deliver = useMutation({
    mutationFn: () => textbookApi.deliver(organisationId, { receivedOn: receivedOn || undefined, lines: [{ titleId, copies: Number(copies) }] }),
    onSuccess: () => {
      setCopies('');
      void qc.invalidateQueries({ queryKey: ['supplies'] });
    },
  });
  return (
    <Section title={t('textbooks.deliveries')}>
      <QueryView query={q}>
        {(d) => {
          const byTitle = new Map<number, { title: (typeof d.items)[number]['title']; awaited: number }>();
          for (const x of d.items) {
            const e = byTitle.get(x.title.id) ?? { title: x.title, awaited: 0 };
            e.awaited += x.copies - x.delivered;
            byTitle.set(x.title.id, e);
          }
          const open = [...byTitle.values()].filter((e) => e.awaited > 0);
          return (
            <>
              {open.length === 0 ? (
                <p>{t('textbooks.nothingAwaited')}</p>
              ) : (
                <form
                  className="form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    deliver.mutate();
                  }}
                >
                  <div className="field">
                    <label htmlFor={`${id}-title`}>{t('textbooks.dispatchTitle')}</label>
                    <select
                      id={`${id}-title`}
                      value={titleId}
                      onChange={(e) => {
                        setTitleId(Number(e.target.value));
                        deliver.reset();
                      }}
                    >
                      <option value={0}>—</option>
                      {open.map((e) => (
                        <option key={e.title.id} value={e.title.id}>
                          {titleText(e.title)} — {t('textbooks.awaited', { n: e.awaited })}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-copies`}>{t('textbooks.copiesReceived')}</label>
                    <input
                      id={`${id}-copies`}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      value={copies}
                      onChange={(e) => {
                        setCopies(e.target.value);
                        deliver.reset();
                      }}
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-date`}>{t('textbooks.receivedOn')}</label>
                    <DateInput id={`${id}-date`} value={receivedOn} onChange={setReceivedOn} />
                  </div>
                  <p>
                    <button type="submit" className="button" disabled={!titleId || !(Number(copies) > 0) || deliver.isPending}>
                      {t('textbooks.record')}
                    </button>
                    {deliver.isSuccess && <span role="status"> {t('textbooks.recorded')}</span>}
                  </p>
                  {deliver.error && <ErrorNotice error={deliver.error} />}
                </form>
              )}
              <ul className="plain-list">
                {d.items.map((x) => (
                  <li key={x.id}>
                    {t('textbooks.received', {
                      title: titleText(x.title),
                      got: x.delivered,
                      copies: x.copies,
                      planned: formatDate(x.plannedOn, i18n.language),
                    })}
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}

// ── officers: progress with drill-down and the late list ─────────────────────────────────────────

type Crumb = { label: string; q: { regionId?: number; districtId?: number } };

function ProgressView() {
  const { t, i18n } = useTranslation('supplies');
  const [path, setPath] = useState<Crumb[]>([]);
  const q = path.at(-1)?.q ?? {};
  const progress = useQuery({ queryKey: [...KEY, 'progress', q], queryFn: ({ signal }) => textbookApi.progress(q, signal) });
  const lang = i18n.language;
  return (
    <Section title={t('textbooks.progress')}>
      {path.length > 0 && (
        <nav aria-label={t('textbooks.area')}>
          <button type="button" className="button button--quiet" onClick={() => setPath([])}>
            {t('textbooks.up')}
          </button>
          {path.map((c, i) => (
            <span key={c.label}>
              {' / '}
              {i === path.length - 1 ? (
                c.label
              ) : (
                <button type="button" className="button button--quiet" onClick={() => setPath(path.slice(0, i + 1))}>
                  {c.label}
                </button>
              )}
            </span>
          ))}
        </nav>
      )}
      <QueryView query={progress}>
        {(p) => (
          <>
            <p role="status" aria-live="polite">
              {t('textbooks.totals', {
                delivered: formatNumber(p.totals.delivered, lang),
                planned: formatNumber(p.totals.planned, lang),
                pct: p.totals.deliveredPct,
                issued: formatNumber(p.totals.issued, lang),
              })}
              {p.totals.ordered !== null && (
                <>
                  {' · '}
                  {t('textbooks.ordered')}: {formatNumber(p.totals.ordered, lang)}
                </>
              )}
              {p.totals.deadline && <> · {t('textbooks.deadline', { date: formatDate(p.totals.deadline, lang) })}</>}
            </p>
            <ProgressTable p={p} onOpen={(c) => setPath([...path, c])} />
            <p>
              <a href={textbookApi.exportUrl(q, 'csv', lang)} download>
                {t('textbooks.exportCsv')}
              </a>
              {' · '}
              <a href={textbookApi.exportUrl(q, 'xlsx', lang)} download>
                {t('textbooks.exportXlsx')}
              </a>
            </p>
            <h3>{t('textbooks.late')}</h3>
            {p.late.length === 0 ? (
              <p>{t('textbooks.noneLate')}</p>
            ) : (
              <ul className="plain-list" aria-label={t('textbooks.late')}>
                {p.late.map((s) => (
                  <li key={s.id}>
                    {localised(s.name, lang)} — {t(`textbooks.statuses.${s.status}`)}, {t('textbooks.missing', { n: s.missing })} ({s.deliveredPct}%)
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryView>
    </Section>
  );
}

function ProgressTable({ p, onOpen }: { p: Progress; onOpen: (c: Crumb) => void }) {
  const { t, i18n } = useTranslation('supplies');
  const lang = i18n.language;
  const showOrdered = p.level === 'country';
  return (
    <div className="table-scroll" style={{ overflowX: 'auto' }}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('textbooks.area')}</th>
            {showOrdered && <th scope="col">{t('textbooks.ordered')}</th>}
            <th scope="col">{t('textbooks.planned')}</th>
            <th scope="col">{t('textbooks.dispatched')}</th>
            <th scope="col">{t('textbooks.delivered')}</th>
            <th scope="col">{t('textbooks.issued')}</th>
            <th scope="col">{t('textbooks.status')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => {
            const name = localised(r.name, lang);
            return (
              <tr key={`${r.level}-${r.id}`} data-row={`${r.level}-${r.id}`}>
                <th scope="row">
                  {r.level === 'organisation' ? (
                    name
                  ) : (
                    <button
                      type="button"
                      className="button button--quiet"
                      onClick={() => onOpen({ label: name, q: r.level === 'region' ? { regionId: r.id } : { districtId: r.id } })}
                    >
                      {name}
                    </button>
                  )}
                </th>
                {showOrdered && <td>{formatNumber(r.ordered ?? 0, lang)}</td>}
                <td>{formatNumber(r.planned, lang)}</td>
                <td>{r.dispatchedPct}%</td>
                <td>
                  {formatNumber(r.delivered, lang)} ({r.deliveredPct}%)
                </td>
                <td>{formatNumber(r.issued, lang)}</td>
                <td>
                  {t(`textbooks.statuses.${r.status}`)}
                  {r.level !== 'organisation' && r.lateSchools > 0 && <> · {t('textbooks.lateSchools', { n: r.lateSchools })}</>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

// ── region officers and the ministry: orders and the dispatch plan ───────────────────────────────

function Orders({ regions, ministry }: { regions: number[]; ministry: boolean }) {
  const { t } = useTranslation('supplies');
  const titles = useQuery({ queryKey: [...KEY, 'titles'], queryFn: ({ signal }) => textbookApi.titles(signal) });
  const orders = useQuery({ queryKey: [...KEY, 'orders'], queryFn: ({ signal }) => textbookApi.orders(signal) });
  const country = useQuery({
    queryKey: [...KEY, 'progress', {}],
    queryFn: ({ signal }) => textbookApi.progress({}, signal),
    enabled: ministry,
  });
  const regionOptions = ministry && country.data ? country.data.rows.map((r) => ({ id: r.id, name: r.name })) : null;
  return (
    <>
      <Section title={t('textbooks.newOrder')}>
        <QueryView query={titles}>{(ts) => <OrderForm titles={ts.items} regions={regions} regionOptions={regionOptions} />}</QueryView>
      </Section>
      <Section title={t('textbooks.orders')}>
        <QueryView query={orders}>
          {(o) => (
            <ul className="plain-list">
              {o.items.map((x) => (
                <li key={x.id}>
                  <OrderItem
                    id={x.id}
                    summary={`${x.publisher}${x.reference ? ` ${x.reference}` : ''} — ${x.copies}${x.cancelledAt ? ` (${t('textbooks.cancelled')})` : ''}`}
                  />
                </li>
              ))}
            </ul>
          )}
        </QueryView>
      </Section>
      <Section title={t('textbooks.eBook')}>
        <QueryView query={titles}>{(ts) => <EVersionUpload titles={ts.items} />}</QueryView>
      </Section>
    </>
  );
}

interface Line {
  key: number;
  titleId: number;
  copies: string;
  unitPrice: string;
}

function OrderForm({
  titles,
  regions,
  regionOptions,
}: {
  titles: TitleOption[];
  regions: number[];
  regionOptions: { id: number; name: { kk: string; ru: string; en: string } }[] | null;
}) {
  const { t, i18n } = useTranslation('supplies');
  const qc = useQueryClient();
  const id = useId();
  const [regionId, setRegionId] = useState(regions[0] ?? 0);
  const [publisher, setPublisher] = useState('');
  const [reference, setReference] = useState('');
  const [deadline, setDeadline] = useState('');
  const [next, setNext] = useState(1);
  const [lines, setLines] = useState<Line[]>([{ key: 0, titleId: 0, copies: '', unitPrice: '' }]);
  const create = useMutation({
    mutationFn: () =>
      textbookApi.createOrder({
        regionId,
        publisher,
        reference: reference || undefined,
        deadline: deadline || undefined,
        lines: lines.map((l) => ({ titleId: l.titleId, copies: Number(l.copies), unitPrice: Number(l.unitPrice) })),
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['supplies'] }),
  });
  const set = (i: number, patch: Partial<Line>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const ready = regionId > 0 && publisher.trim() && lines.every((l) => l.titleId > 0 && Number(l.copies) > 0 && l.unitPrice !== '' && Number(l.unitPrice) >= 0);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      {(regionOptions || regions.length > 1) && (
        <div className="field">
          <label htmlFor={`${id}-region`}>{t('textbooks.region')}</label>
          <select id={`${id}-region`} value={regionId} onChange={(e) => setRegionId(Number(e.target.value))}>
            <option value={0}>—</option>
            {(regionOptions ?? regions.map((r) => ({ id: r, name: { kk: String(r), ru: String(r), en: String(r) } }))).map((r) => (
              <option key={r.id} value={r.id}>
                {localised(r.name, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-publisher`}>{t('textbooks.publisher')}</label>
        <input id={`${id}-publisher`} value={publisher} onChange={(e) => setPublisher(e.target.value)} maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-reference`}>{t('textbooks.reference')}</label>
        <input id={`${id}-reference`} value={reference} onChange={(e) => setReference(e.target.value)} maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-deadline`}>{t('textbooks.deadlineField')}</label>
        <DateInput id={`${id}-deadline`} value={deadline} onChange={setDeadline} />
      </div>
      {lines.map((l, i) => (
        <fieldset key={l.key} className="form">
          <legend>
            {t('textbooks.dispatchTitle')} {i + 1}
          </legend>
          <div className="field">
            <label htmlFor={`${id}-t${i}`}>{t('textbooks.dispatchTitle')}</label>
            <select id={`${id}-t${i}`} value={l.titleId} onChange={(e) => set(i, { titleId: Number(e.target.value) })}>
              <option value={0}>—</option>
              {titles.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title} ({x.isbn})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-c${i}`}>{t('textbooks.copies')}</label>
            <input id={`${id}-c${i}`} type="number" inputMode="numeric" min={1} value={l.copies} onChange={(e) => set(i, { copies: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-p${i}`}>{t('textbooks.unitPrice')}</label>
            <input
              id={`${id}-p${i}`}
              type="number"
              inputMode="decimal"
              min={0}
              step="0.01"
              value={l.unitPrice}
              onChange={(e) => set(i, { unitPrice: e.target.value })}
            />
          </div>
          {lines.length > 1 && (
            <button type="button" className="button button--secondary" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
              {t('textbooks.removeLine')}
            </button>
          )}
        </fieldset>
      ))}
      <p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setLines([...lines, { key: next, titleId: 0, copies: '', unitPrice: '' }]);
            setNext(next + 1);
          }}
        >
          {t('textbooks.addLine')}
        </button>{' '}
        <button type="submit" className="button" disabled={!ready || create.isPending}>
          {t('textbooks.createOrder')}
        </button>
        {create.isSuccess && <span role="status"> {t('textbooks.orderCreated')}</span>}
      </p>
      {create.error && <ErrorNotice error={create.error} />}
    </form>
  );
}

function OrderItem({ id, summary }: { id: number; summary: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{summary}</summary>
      {open && <OrderPlan id={id} />}
    </details>
  );
}

function OrderPlan({ id }: { id: number }) {
  const { t, i18n } = useTranslation('supplies');
  const q = useQuery({ queryKey: [...KEY, 'order', id], queryFn: ({ signal }) => textbookApi.order(id, signal) });
  return (
    <QueryView query={q}>
      {(o) => (
        <>
          <p>{t('textbooks.deadline', { date: formatDate(o.deadline, i18n.language) })}</p>
          {o.cancelledAt && <p>{t('textbooks.cancelledOn', { date: formatDate(o.cancelledAt, i18n.language) })}</p>}
          <ul className="plain-list">
            {o.lines.map((l) => (
              <li key={l.id}>
                {t('textbooks.orderLine', { title: l.title.title, planned: l.planned, copies: l.copies, delivered: l.delivered })},{' '}
                {t('textbooks.priceOf', { price: formatNumber(l.unitPrice, i18n.language) })}
              </li>
            ))}
          </ul>
          {!o.cancelledAt && (
            <>
              <OrderEdit order={o} />
              <DispatchForm order={o} />
              <DispatchList order={o} />
            </>
          )}
          <ChangeTrail order={o} />
        </>
      )}
    </QueryView>
  );
}

function DispatchForm({ order }: { order: OrderDetail }) {
  const { t, i18n } = useTranslation('supplies');
  const qc = useQueryClient();
  const id = useId();
  const [titleId, setTitleId] = useState(0);
  const [search, setSearch] = useState('');
  const [schoolId, setSchoolId] = useState(0);
  const [copies, setCopies] = useState('');
  const [plannedOn, setPlannedOn] = useState('');
  const schools = useQuery({
    queryKey: [...KEY, 'schools', order.regionId, search],
    queryFn: ({ signal }) => textbookApi.schools(order.regionId, search.trim(), signal),
  });
  const plan = useMutation({
    mutationFn: () => textbookApi.plan(order.id, { lines: [{ titleId, organisationId: schoolId, copies: Number(copies), plannedOn }] }),
    onSuccess: () => {
      setCopies('');
      void qc.invalidateQueries({ queryKey: ['supplies'] });
    },
  });
  return (
    <form
      className="form"
      aria-label={t('textbooks.plan')}
      onSubmit={(e) => {
        e.preventDefault();
        plan.mutate();
      }}
    >
      <h3>{t('textbooks.plan')}</h3>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('textbooks.dispatchTitle')}</label>
        <select id={`${id}-title`} value={titleId} onChange={(e) => setTitleId(Number(e.target.value))}>
          <option value={0}>—</option>
          {order.lines.map((l) => (
            <option key={l.title.id} value={l.title.id}>
              {l.title.title} ({l.copies - l.planned})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-search`}>{t('textbooks.schoolSearch')}</label>
        <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-school`}>{t('textbooks.school')}</label>
        <select id={`${id}-school`} value={schoolId} onChange={(e) => setSchoolId(Number(e.target.value))}>
          <option value={0}>—</option>
          {(schools.data?.items ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {localised(s.name, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-copies`}>{t('textbooks.copies')}</label>
        <input id={`${id}-copies`} type="number" inputMode="numeric" min={1} value={copies} onChange={(e) => setCopies(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('textbooks.plannedOn')}</label>
        <DateInput id={`${id}-date`} value={plannedOn} onChange={setPlannedOn} />
      </div>
      <p>
        <button type="submit" className="button" disabled={!titleId || !schoolId || !(Number(copies) > 0) || !plannedOn || plan.isPending}>
          {t('textbooks.addDispatch')}
        </button>
        {plan.isSuccess && <span role="status"> {t('textbooks.added')}</span>}
      </p>
      {plan.error && <ErrorNotice error={plan.error} />}
    </form>
  );
}

/** Changes to an order (publisher, reference, deadline, each line's copies and price) with a reason; or its cancellation. */
function OrderEdit({ order }: { order: OrderDetail }) {
  const { t } = useTranslation('supplies');
  const qc = useQueryClient();
  const id = useId();
  const [publisher, setPublisher] = useState(order.publisher);
  const [reference, setReference] = useState(order.reference ?? '');
  const [deadline, setDeadline] = useState(order.deadline);
  const [lines, setLines] = useState(order.lines.map((l) => ({ titleId: l.title.id, copies: String(l.copies), unitPrice: String(l.unitPrice) })));
  const [reason, setReason] = useState('');
  const done = () => void qc.invalidateQueries({ queryKey: ['supplies'] });
  const save = useMutation({
    mutationFn: () =>
      textbookApi.editOrder(order.id, {
        publisher,
        reference: reference.trim() || null,
        deadline,
        lines: lines.map((l) => ({ titleId: l.titleId, copies: Number(l.copies), unitPrice: Number(l.unitPrice) })),
        reason: reason || undefined,
      }),
    onSuccess: done,
  });
  const cancel = useMutation({ mutationFn: () => textbookApi.cancelOrder(order.id, reason), onSuccess: done });
  const ready = publisher.trim() && deadline && lines.every((l) => Number(l.copies) > 0 && l.unitPrice !== '' && Number(l.unitPrice) >= 0);
  return (
    <details>
      <summary>{t('textbooks.editOrder')}</summary>
      <form
        className="form"
        aria-label={t('textbooks.editOrder')}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-publisher`}>{t('textbooks.publisher')}</label>
          <input id={`${id}-publisher`} value={publisher} onChange={(e) => setPublisher(e.target.value)} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-reference`}>{t('textbooks.reference')}</label>
          <input id={`${id}-reference`} value={reference} onChange={(e) => setReference(e.target.value)} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-deadline`}>{t('textbooks.deadlineField')}</label>
          <DateInput id={`${id}-deadline`} value={deadline} onChange={setDeadline} />
        </div>
        {order.lines.map((l, i) => (
          <fieldset key={l.id} className="form">
            <legend>{l.title.title}</legend>
            <div className="field">
              <label htmlFor={`${id}-c${i}`}>{t('textbooks.copies')}</label>
              <input
                id={`${id}-c${i}`}
                type="number"
                inputMode="numeric"
                min={1}
                value={lines[i]!.copies}
                onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, copies: e.target.value } : x)))}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-p${i}`}>{t('textbooks.unitPrice')}</label>
              <input
                id={`${id}-p${i}`}
                type="number"
                inputMode="decimal"
                min={0}
                step="0.01"
                value={lines[i]!.unitPrice}
                onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, unitPrice: e.target.value } : x)))}
              />
            </div>
          </fieldset>
        ))}
        <ChangeFooter id={id} reason={reason} setReason={setReason} canSave={!!ready} save={save} cancel={cancel} cancelLabel={t('textbooks.cancelOrder')} />
      </form>
    </details>
  );
}

/** The end of an order's or a dispatch's change form: the reason, save, cancel, and what the server said. */
function ChangeFooter(p: {
  id: string;
  reason: string;
  setReason: (v: string) => void;
  canSave: boolean;
  save: { isPending: boolean; isSuccess: boolean; error: Error | null };
  cancel: { isPending: boolean; error: Error | null; mutate: () => void };
  cancelLabel: string;
}) {
  const { t } = useTranslation('supplies');
  return (
    <>
      <div className="field">
        <label htmlFor={`${p.id}-reason`}>{t('textbooks.reason')}</label>
        <input id={`${p.id}-reason`} value={p.reason} onChange={(e) => p.setReason(e.target.value)} maxLength={500} />
      </div>
      <p>
        <button type="submit" className="button" disabled={!p.canSave || p.save.isPending}>
          {t('textbooks.saveChanges')}
        </button>{' '}
        <button type="button" className="button button--secondary" disabled={p.cancel.isPending} onClick={() => p.cancel.mutate()}>
          {p.cancelLabel}
        </button>
        {p.save.isSuccess && <span role="status"> {t('textbooks.saved')}</span>}
      </p>
      {p.save.error && <ErrorNotice error={p.save.error} />}
      {p.cancel.error && <ErrorNotice error={p.cancel.error} />}
    </>
  );
}

/** The order's trail: who changed what (old → new), when and why. */
function ChangeTrail({ order }: { order: OrderDetail }) {
  const { t, i18n } = useTranslation('supplies');
  if (order.changes.length === 0) return null;
  const titleOf = (id: string) => order.lines.find((l) => String(l.title.id) === id)?.title.title ?? id;
  const value = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'number' ? formatNumber(v, i18n.language) : String(v));
  const field = (f: string) => {
    const [k, arg] = f.split(':');
    if (k === 'copies' && arg) return t('textbooks.fieldCopiesOf', { title: titleOf(arg) });
    if (k === 'price' && arg) return t('textbooks.fieldPriceOf', { title: titleOf(arg) });
    const fields = ['publisher', 'reference', 'deadline', 'copies', 'plannedOn'] as const;
    const known = fields.find((x) => x === k);
    return known ? t(`textbooks.fields.${known}`) : (k ?? f);
  };
  return (
    <>
      <h3>{t('textbooks.trail')}</h3>
      <ul className="plain-list">
        {order.changes.map((c) => (
          <li key={c.id}>
            {formatDate(c.changedAt, i18n.language)}
            {c.changedBy ? `, ${c.changedBy.lastName} ${c.changedBy.firstName}` : ''}: {t(`textbooks.actions.${c.action}`)}
            {c.action === 'dispatch_cancelled' && c.changes[0]?.old && typeof c.changes[0].old === 'object'
              ? ` — ${t('textbooks.cancelledDispatch', {
                  copies: (c.changes[0].old as { copies: number }).copies,
                  date: formatDate((c.changes[0].old as { plannedOn: string }).plannedOn, i18n.language),
                })}`
              : c.action.endsWith('_edited')
                ? ` — ${c.changes.map((x) => `${field(x.field)}: ${x.field === 'plannedOn' || x.field === 'deadline' ? formatDate(String(x.old), i18n.language) : value(x.old)} → ${x.field === 'plannedOn' || x.field === 'deadline' ? formatDate(String(x.new), i18n.language) : value(x.new)}`).join('; ')}`
                : ''}
            {c.reason ? ` (${c.reason})` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

/** One planned dispatch's copies and date, or its cancellation. */
function DispatchEdit({ dispatch }: { dispatch: OrderDetail['dispatches'][number] }) {
  const { t } = useTranslation('supplies');
  const qc = useQueryClient();
  const id = useId();
  const [copies, setCopies] = useState(String(dispatch.copies));
  const [plannedOn, setPlannedOn] = useState(dispatch.plannedOn);
  const [reason, setReason] = useState('');
  const done = () => void qc.invalidateQueries({ queryKey: ['supplies'] });
  const save = useMutation({
    mutationFn: () => textbookApi.editDispatch(dispatch.id, { copies: Number(copies), plannedOn, reason: reason || undefined }),
    onSuccess: done,
  });
  const cancel = useMutation({ mutationFn: () => textbookApi.cancelDispatch(dispatch.id, reason), onSuccess: done });
  return (
    <details>
      <summary>{t('textbooks.editDispatch')}</summary>
      <form
        className="form"
        aria-label={t('textbooks.editDispatch')}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-copies`}>{t('textbooks.copies')}</label>
          <input id={`${id}-copies`} type="number" inputMode="numeric" min={1} value={copies} onChange={(e) => setCopies(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('textbooks.plannedOn')}</label>
          <DateInput id={`${id}-date`} value={plannedOn} onChange={setPlannedOn} />
        </div>
        <ChangeFooter
          id={id}
          reason={reason}
          setReason={setReason}
          canSave={Number(copies) > 0 && !!plannedOn}
          save={save}
          cancel={cancel}
          cancelLabel={t('textbooks.cancelDispatch')}
        />
      </form>
    </details>
  );
}

function DispatchList({ order }: { order: OrderDetail }) {
  const { t, i18n } = useTranslation('supplies');
  const qc = useQueryClient();
  const send = useMutation({ mutationFn: (id: number) => textbookApi.markSent(id), onSuccess: () => void qc.invalidateQueries({ queryKey: ['supplies'] }) });
  const shown = order.dispatches.slice(0, 50);
  return (
    <>
      <p>{t('textbooks.planCount', { shown: shown.length, n: order.dispatchCount })}</p>
      <ul className="plain-list">
        {shown.map((d) => (
          <li key={d.id}>
            {localised(d.organisation.name, i18n.language)}: {d.title.title} — {d.delivered}/{d.copies}, {formatDate(d.plannedOn, i18n.language)},{' '}
            {d.sentAt ? (
              t('textbooks.sent')
            ) : (
              <>
                {t('textbooks.notSent')}{' '}
                <button type="button" className="button button--secondary" disabled={send.isPending} onClick={() => send.mutate(d.id)}>
                  {t('textbooks.markSent')}
                </button>
              </>
            )}
            <DispatchEdit dispatch={d} />
          </li>
        ))}
      </ul>
      {send.error && <ErrorNotice error={send.error} />}
    </>
  );
}

function EVersionUpload({ titles }: { titles: TitleOption[] }) {
  const { t } = useTranslation('supplies');
  const id = useId();
  const [titleId, setTitleId] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({ mutationFn: () => textbookApi.uploadEVersion(titleId, file!) });
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        upload.mutate();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('textbooks.dispatchTitle')}</label>
        <select id={`${id}-title`} value={titleId} onChange={(e) => setTitleId(Number(e.target.value))}>
          <option value={0}>—</option>
          {titles.map((x) => (
            <option key={x.id} value={x.id}>
              {x.title} ({x.isbn})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('textbooks.file')}</label>
        <FileInput id={`${id}-file`} accept=".pdf,.epub,application/pdf,application/epub+zip" onFiles={(f) => setFile(f[0] ?? null)} />
      </div>
      <p>
        <button type="submit" className="button" disabled={!titleId || !file || upload.isPending}>
          {t('textbooks.upload')}
        </button>
        {upload.isSuccess && (
          <span role="status">
            {' '}
            <a href={upload.data.url}>{t('textbooks.uploaded')}</a>
          </span>
        )}
      </p>
      {upload.error && <ErrorNotice error={upload.error} />}
    </form>
  );
}
