/**
 * The pieces of issue 11 added with decision 0030: my gate photo, the holder's photo at the gate,
 * the temperature field, and the health officer's and the admin's forms (exemptions, fevers,
 * residents, people's photos). Each is mounted by one line in its page.
 */
import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { DateInput } from '../../ui/controls.js';
import { formatDate } from '../../ui/format.js';
import {
  addExemption,
  addResident,
  deleteMyPhoto,
  exemptionsQuery,
  feversQuery,
  myPhotoQuery,
  peopleQuery,
  revokeExemption,
  setMyPhoto,
  setPersonPhoto,
  type Overview,
  type PhotoState,
  type RoomList,
} from './api.js';
import { formatDateTime } from './format.js';
import { cachedPhoto, shrinkPhoto, uploadPhoto } from './photos.js';

type PersonRef = { id: number; lastName: string; firstName: string };
const nameOf = (p: PersonRef) => `${p.lastName} ${p.firstName}`;
const today = () => new Date().toISOString().slice(0, 10);

/** The person's own photo for the gate: shrunk on the phone, uploaded through the files module, set; or removed. */
export function MyGatePhoto({ name }: { name: string }) {
  const { t } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const photo = useQuery(myPhotoQuery);
  const done = (data: PhotoState) => {
    qc.setQueryData(myPhotoQuery.queryKey, data);
    void qc.invalidateQueries({ queryKey: ['access', 'me', 'pass'] }); // the next pass carries the new hash
  };
  const set = useMutation({ mutationFn: async (file: File) => setMyPhoto(await uploadPhoto(await shrinkPhoto(file))), onSuccess: done });
  const remove = useMutation({ mutationFn: deleteMyPhoto, onSuccess: done });
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) set.mutate(file);
  };
  return (
    <Section title={t('more.photoTitle')}>
      <p className="muted">{t('more.photoIntro')}</p>
      <QueryView query={photo}>
        {(p) =>
          p.hasPhoto ? (
            <img className="access-photo-img" src={`/api/access/me/photo/image?h=${p.hash}`} alt={t('more.photoAlt', { name })} width={120} />
          ) : (
            <p>{t('more.photoNone')}</p>
          )
        }
      </QueryView>
      <div className="field">
        <label htmlFor={id}>{t('more.photoChoose')}</label>
        <input id={id} type="file" accept="image/*" capture="user" onChange={pick} disabled={set.isPending} />
      </div>
      {photo.data?.hasPhoto && (
        <button type="button" className="button button--secondary" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {t('more.photoRemove')}
        </button>
      )}
      {set.isSuccess && <p role="status">{t('more.photoSaved')}</p>}
      {(set.isError || remove.isError) && <ErrorNotice error={set.error ?? remove.error} />}
    </Section>
  );
}

/** The holder's photo in the gate's verdict: from the phone's cache, shown only when it matches the signed hash. */
export function HolderPhoto({ holder, hash, name }: { holder: string | null; hash: string | null; name: string | null }) {
  const { t } = useTranslation('access');
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    setUrl(undefined);
    if (holder && hash) {
      void cachedPhoto(holder, hash).then((u) => {
        made = u;
        if (alive) setUrl(u);
        else if (u) URL.revokeObjectURL(u);
      });
    }
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [holder, hash]);
  if (!holder) return null;
  if (!hash) return <p className="access-result__reason">{t('more.guardNone')}</p>;
  if (url === undefined) return null;
  if (url === null) return <p className="access-result__reason">{t('more.guardMissing')}</p>;
  return (
    <>
      <img className="access-result__photo" src={url} alt={t('more.photoAlt', { name: name ?? '' })} data-testid="gate-photo" />
      <p>{t('more.guardCompare')}</p>
    </>
  );
}

/** An optional temperature at the gate; empty when not measured. `wrong`: what was typed is no temperature (nothing was checked). */
export function TemperatureField({
  value,
  onChange,
  threshold,
  wrong = false,
}: {
  value: string;
  onChange: (v: string) => void;
  threshold: number;
  wrong?: boolean;
}) {
  const { t } = useTranslation('access');
  const id = useId();
  return (
    <div className="field access-temperature">
      <label htmlFor={id}>{t('more.temperature')}</label>
      {/* text, not number: a number field turns «38,5» into nothing on many phones, and the check would then run without it */}
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={wrong || undefined}
        aria-describedby={wrong ? `${id}-e ${id}-h` : `${id}-h`}
      />
      {wrong && (
        <p id={`${id}-e`} className="notice notice--error" role="alert">
          {t('more.temperatureWrong', { min: TEMPERATURE_MIN_C, max: TEMPERATURE_MAX_C })}
        </p>
      )}
      <p id={`${id}-h`} className="muted">
        {t('more.threshold', { threshold: threshold.toFixed(1) })}
      </p>
    </div>
  );
}

/** The body temperatures a gate reading may be, in °C; anything else is a typing slip. */
export const TEMPERATURE_MIN_C = 30;
export const TEMPERATURE_MAX_C = 45;

/** The typed temperature: null when none was typed, NaN when what was typed is not a body temperature. */
export function typedTemperature(value: string): number | null {
  if (value.trim() === '') return null;
  const v = Number(value.trim().replace(',', '.'));
  return Number.isFinite(v) && v >= TEMPERATURE_MIN_C && v <= TEMPERATURE_MAX_C ? v : Number.NaN;
}

/** The health officer approves an exemption for a person of the organisation, and ends one. */
export function ExemptionForms({ organisationId, people }: { organisationId: number; people: Overview['people'] }) {
  const { t, i18n } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const list = useQuery(exemptionsQuery(organisationId));
  const [personId, setPersonId] = useState('');
  const [reason, setReason] = useState('');
  const [from, setFrom] = useState(today);
  const [until, setUntil] = useState(today);
  const refresh = () => qc.invalidateQueries({ queryKey: ['access', 'org', organisationId] });
  const add = useMutation({
    mutationFn: () => addExemption(organisationId, { personId: Number(personId), reason: reason.trim(), validFrom: from, validUntil: until }),
    onSuccess: () => {
      setReason('');
      void refresh();
    },
  });
  const end = useMutation({ mutationFn: revokeExemption, onSuccess: refresh });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (personId && reason.trim()) add.mutate();
  };
  const sorted = [...people].sort((a, b) => nameOf(a.person).localeCompare(nameOf(b.person), i18n.language));
  return (
    <Section title={t('more.addExemption')}>
      <QueryView query={list}>
        {(data) => (
          <ul className="access-people">
            {data.items
              .filter((e) => !e.revokedAt)
              .map((e) => (
                <li key={e.id}>
                  <span className="access-people__name">
                    {nameOf(e.person)} · {formatDate(e.validFrom.slice(0, 10), i18n.language)} – {formatDate(e.validUntil.slice(0, 10), i18n.language)}
                  </span>
                  <button type="button" className="button button--secondary" disabled={end.isPending} onClick={() => end.mutate(e.id)}>
                    {t('more.endExemption')}
                  </button>
                </li>
              ))}
          </ul>
        )}
      </QueryView>
      <form className="access-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-p`}>{t('more.person')}</label>
          <select id={`${id}-p`} value={personId} onChange={(e) => setPersonId(e.target.value)} required>
            <option value="" />
            {sorted.map((p) => (
              <option key={p.person.id} value={p.person.id}>
                {nameOf(p.person)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-r`}>{t('more.reason')}</label>
          <input id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-f`}>{t('more.from')}</label>
          <DateInput id={`${id}-f`} value={from} onChange={setFrom} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-u`}>{t('more.until')}</label>
          <DateInput id={`${id}-u`} value={until} min={from || undefined} onChange={setUntil} required />
        </div>
        <button type="submit" className="button" disabled={add.isPending || !personId || !reason.trim()}>
          {t('more.approve')}
        </button>
        {add.isSuccess && <p role="status">{t('more.approved')}</p>}
        {(add.isError || end.isError) && <ErrorNotice error={add.error ?? end.error} />}
      </form>
    </Section>
  );
}

/** Fever refusals at the organisation's gates (the health officer). */
export function Fevers({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('access');
  const list = useQuery(feversQuery(organisationId));
  return (
    <Section title={t('more.fevers')}>
      <QueryView query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('more.noFevers')}</p>
          ) : (
            <ul className="plain-list">
              {data.items.map((f) => (
                <li key={f.id}>
                  {formatDateTime(f.measuredAt, i18n.language)} · {f.gateName} · {f.person ? nameOf(f.person) : t('more.unknownPerson')} ·{' '}
                  {f.temperatureC.toFixed(1)} °C
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Section>
  );
}

/** A search over the organisation's people (names only), for the admin's forms. */
function usePeople(organisationId: number) {
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(h);
  }, [q]);
  return { q, setQ, people: useQuery(peopleQuery(organisationId, debounced)) };
}

/** The admin moves a student into a dormitory room (a free bed and an admitted status, checked by the server). */
export function AddResident({ organisationId, buildingId, rooms }: { organisationId: number; buildingId: number; rooms: RoomList['items'] }) {
  const { t } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const { q, setQ, people } = usePeople(organisationId);
  const [personId, setPersonId] = useState('');
  const free = rooms.filter((r) => r.residents.length < r.beds);
  const [roomId, setRoomId] = useState('');
  const [fromDate, setFromDate] = useState(today);
  const add = useMutation({
    mutationFn: () => addResident(Number(roomId || free[0]?.id), { personId: Number(personId), fromDate }),
    onSuccess: (data) => {
      setPersonId('');
      qc.setQueryData(['access', 'building', buildingId, 'rooms'], data);
      void qc.invalidateQueries({ queryKey: ['access', 'org', organisationId, 'buildings'] });
    },
  });
  return (
    <form
      className="access-form access-resident"
      onSubmit={(e) => {
        e.preventDefault();
        if (personId && free.length > 0) add.mutate();
      }}
      aria-labelledby={`${id}-h`}
    >
      <h5 id={`${id}-h`}>{t('more.addResident')}</h5>
      <div className="field">
        <label htmlFor={`${id}-room`}>{t('admin.rooms')}</label>
        <select id={`${id}-room`} value={roomId || String(free[0]?.id ?? '')} onChange={(e) => setRoomId(e.target.value)}>
          {free.map((r) => (
            <option key={r.id} value={r.id}>
              {r.number}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('more.search')}</label>
        <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-p`}>{t('more.person')}</label>
        <select id={`${id}-p`} value={personId} onChange={(e) => setPersonId(e.target.value)} required>
          <option value="" />
          {people.data?.items.map((p) => (
            <option key={p.person.id} value={p.person.id}>
              {nameOf(p.person)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-d`}>{t('more.fromDate')}</label>
        <DateInput id={`${id}-d`} value={fromDate} onChange={setFromDate} required />
      </div>
      <button type="submit" className="button button--secondary" disabled={add.isPending || !personId || free.length === 0}>
        {t('more.moveIn')}
      </button>
      {add.isError && <ErrorNotice error={add.error} />}
    </form>
  );
}

/** The admin sees who has a gate photo and uploads one for a person (a photo taken at the desk). */
export function PeoplePhotos({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const { q, setQ, people } = usePeople(organisationId);
  const set = useMutation({
    mutationFn: async ({ personId, file }: { personId: number; file: File }) =>
      setPersonPhoto(organisationId, personId, await uploadPhoto(await shrinkPhoto(file))),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['access', 'org', organisationId, 'people'] }),
  });
  return (
    <Section title={t('more.photos')}>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('more.search')}</label>
        <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
      </div>
      <QueryView query={people}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('more.noPeople')}</p>
          ) : (
            <ul className="access-people">
              {data.items.slice(0, 20).map((p) => (
                <li key={p.person.id}>
                  <span className="access-people__name">
                    {nameOf(p.person)} · {p.hasPhoto ? t('more.hasPhoto') : t('more.noPhoto')}
                  </span>
                  <label className="button button--secondary access-upload">
                    {t('more.uploadFor', { name: nameOf(p.person) })}
                    <input
                      type="file"
                      accept="image/*"
                      className="visually-hidden"
                      disabled={set.isPending}
                      onChange={(e) => {
                        const file = e.target.files?.[0];
                        e.target.value = '';
                        if (file) set.mutate({ personId: p.person.id, file });
                      }}
                    />
                  </label>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      {set.isError && <ErrorNotice error={set.error} />}
    </Section>
  );
}
