import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { useTitle } from '../../ui/useTitle.js';
import {
  addBuilding,
  addGate,
  addRoom,
  buildingsQuery,
  entrancesQuery,
  keysQuery,
  revokeKey,
  rotateKey,
  roomsQuery,
  type Building,
  type BuildingBody,
} from './api.js';
import { formatDateTime } from './format.js';
import { AddResident, PeoplePhotos } from './GateExtras.js';
import './access.css';
import { wholeIn } from './record-check.js';

/** What the server takes (contracts/access.ts: a room's beds, a building's capacity). */
const BEDS = { min: 1, max: 20 };
const CAPACITY = { min: 1, max: 100_000 };

const KINDS = ['academic', 'dormitory', 'laboratory', 'library', 'sports', 'other'] as const;

/** The organisation admin's campus: buildings with gates and who is inside, dormitory rooms, the entrance log, signing keys. */
export function CampusAdminPage({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation('access');
  useTitle(t('admin.title'));
  const buildings = useQuery(buildingsQuery(organisationId));
  return (
    <div className="access-admin">
      <QueryView query={buildings} heading={t('admin.title')}>
        {(data) => (
          <>
            <h1>{t('admin.title')}</h1>
            <Section title={t('admin.buildings')}>
              {data.items.length === 0 ? (
                <p>{t('admin.noBuildings')}</p>
              ) : (
                <ul className="access-buildings">
                  {data.items.map((b) => (
                    <BuildingCard key={b.id} b={b} organisationId={organisationId} />
                  ))}
                </ul>
              )}
              <AddBuilding organisationId={organisationId} />
            </Section>
          </>
        )}
      </QueryView>
      <PeoplePhotos organisationId={organisationId} />
      <Entrances organisationId={organisationId} />
      <Keys organisationId={organisationId} />
    </div>
  );
}

function BuildingCard({ b, organisationId }: { b: Building; organisationId: number }) {
  const { t } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const [gate, setGate] = useState('');
  const [showRooms, setShowRooms] = useState(false);
  const add = useMutation({
    mutationFn: () => addGate(b.id, gate.trim()),
    onSuccess: () => {
      setGate('');
      void qc.invalidateQueries({ queryKey: ['access', 'org', organisationId] });
    },
  });
  return (
    <li>
      <h3>{b.name}</h3>
      <p className="muted">
        {t(`admin.kinds.${b.kind as (typeof KINDS)[number]}`)} · {t('admin.inside', { inside: b.inside, capacity: b.capacity })}
      </p>
      <p>
        {t('admin.gates')}: {b.gates.map((g) => g.name).join(', ') || '—'}
      </p>
      <form
        className="access-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (gate.trim()) add.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-g`}>{t('admin.gateName')}</label>
          <input id={`${id}-g`} value={gate} onChange={(e) => setGate(e.target.value)} maxLength={200} />
        </div>
        <button type="submit" className="button button--secondary" disabled={add.isPending || !gate.trim()}>
          {t('admin.addGate')}
        </button>
        {add.isError && <ErrorNotice error={add.error} />}
      </form>
      {b.kind === 'dormitory' && (
        <>
          <p>{t('admin.roomsResidents', { rooms: b.rooms, residents: b.residents })}</p>
          <button type="button" className="button button--quiet" aria-expanded={showRooms} onClick={() => setShowRooms(!showRooms)}>
            {t('admin.showRooms')}
          </button>
          {showRooms && <Rooms buildingId={b.id} organisationId={organisationId} />}
        </>
      )}
    </li>
  );
}

function Rooms({ buildingId, organisationId }: { buildingId: number; organisationId: number }) {
  const { t } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const rooms = useQuery(roomsQuery(buildingId));
  const [number, setNumber] = useState('');
  const [beds, setBeds] = useState('3');
  const [bedsWrong, setBedsWrong] = useState(false);
  const add = useMutation({
    mutationFn: () => addRoom(buildingId, { number: number.trim(), beds: Number(beds) }),
    onSuccess: (data) => {
      setNumber('');
      qc.setQueryData(roomsQuery(buildingId).queryKey, data);
      void qc.invalidateQueries({ queryKey: ['access', 'org', organisationId] });
    },
  });
  return (
    <div className="access-panel">
      <h4>{t('admin.rooms')}</h4>
      <QueryView query={rooms}>
        {(data) => (
          <ul className="plain-list">
            {data.items.map((r) => (
              <li key={r.id}>
                {t('admin.roomLine', { number: r.number, residents: r.residents.length, beds: r.beds })}
                {r.residents.length > 0 && <> — {r.residents.map((x) => `${x.person.lastName} ${x.person.firstName}`).join(', ')}</>}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      {rooms.data && <AddResident organisationId={organisationId} buildingId={buildingId} rooms={rooms.data.items} />}
      <form
        className="access-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // said beside the field in the page's language (the browser's bubble speaks its own; the server's answer names no field)
          const wrong = !wholeIn(beds, BEDS.min, BEDS.max);
          setBedsWrong(wrong);
          if (number.trim() && !wrong) add.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-n`}>{t('admin.roomNumber')}</label>
          <input id={`${id}-n`} value={number} onChange={(e) => setNumber(e.target.value)} maxLength={20} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-b`}>{t('admin.beds')}</label>
          <input
            id={`${id}-b`}
            type="text"
            inputMode="numeric"
            value={beds}
            onChange={(e) => setBeds(e.target.value)}
            aria-invalid={bedsWrong || undefined}
            aria-describedby={bedsWrong ? `${id}-b-error` : undefined}
          />
          {bedsWrong && (
            <span id={`${id}-b-error`} className="field__error">
              {t('check.whole', BEDS)}
            </span>
          )}
        </div>
        <button type="submit" className="button button--secondary" disabled={add.isPending || !number.trim()}>
          {t('admin.addRoom')}
        </button>
        {add.isError && <ErrorNotice error={add.error} />}
      </form>
    </div>
  );
}

function AddBuilding({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<BuildingBody['kind']>('academic');
  const [capacity, setCapacity] = useState('100');
  const [wrong, setWrong] = useState<('name' | 'capacity')[]>([]);
  const add = useMutation({
    mutationFn: () => addBuilding(organisationId, { name: name.trim(), kind, capacity: Number(capacity) }),
    onSuccess: () => {
      setName('');
      void qc.invalidateQueries({ queryKey: ['access', 'org', organisationId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad = [...(name.trim() ? [] : ['name' as const]), ...(wholeIn(capacity, CAPACITY.min, CAPACITY.max) ? [] : ['capacity' as const])];
    setWrong(bad);
    if (bad.length === 0) add.mutate();
  };
  return (
    <form className="access-form" onSubmit={submit} aria-labelledby={`${id}-h`} noValidate>
      <h3 id={`${id}-h`}>{t('admin.addBuilding')}</h3>
      <div className="field">
        <label htmlFor={`${id}-n`}>{t('admin.name')}</label>
        <input
          id={`${id}-n`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          aria-invalid={wrong.includes('name') || undefined}
          aria-describedby={wrong.includes('name') ? `${id}-n-error` : undefined}
        />
        {wrong.includes('name') && (
          <span id={`${id}-n-error`} className="field__error">
            {t('check.name')}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-k`}>{t('admin.kind')}</label>
        <select id={`${id}-k`} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`admin.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-c`}>{t('admin.capacity')}</label>
        <input
          id={`${id}-c`}
          type="text"
          inputMode="numeric"
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          aria-invalid={wrong.includes('capacity') || undefined}
          aria-describedby={wrong.includes('capacity') ? `${id}-c-error` : undefined}
        />
        {wrong.includes('capacity') && (
          <span id={`${id}-c-error`} className="field__error">
            {t('check.whole', CAPACITY)}
          </span>
        )}
      </div>
      <button type="submit" className="button" disabled={add.isPending}>
        {t('admin.add')}
      </button>
      {add.isSuccess && <p role="status">{t('admin.added')}</p>}
      {add.isError && <ErrorNotice error={add.error} />}
    </form>
  );
}

function Entrances({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('access');
  const log = useQuery(entrancesQuery(organisationId));
  return (
    <Section title={t('admin.entrances')}>
      <QueryView query={log}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('admin.noEntrances')}</p>
          ) : (
            <ul className="plain-list">
              {data.items.map((e) => (
                <li key={e.id}>
                  {formatDateTime(e.scannedAt, i18n.language)} · {e.gateName} · {t(`gate.${e.direction === 'out' ? 'out' : 'in'}`)} ·{' '}
                  {t(`admin.entranceResult.${e.result === 'admitted' ? 'admitted' : 'refused'}`)}
                  {e.reason && <> ({t(`gate.reasons.${e.reason as 'expired'}`)})</>}
                  {e.replay && <> · ⚠</>}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Section>
  );
}

function Keys({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const keys = useQuery(keysQuery(organisationId));
  const [reason, setReason] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: ['access', 'org', organisationId, 'keys'] });
  const rotate = useMutation({ mutationFn: () => rotateKey(organisationId), onSuccess: refresh });
  const revoke = useMutation({
    mutationFn: (keyId: number) => revokeKey(keyId, reason.trim()),
    onSuccess: () => {
      setReason('');
      void refresh();
    },
  });
  return (
    <Section title={t('admin.keys')}>
      <QueryView query={keys}>
        {(data) => (
          <ul className="access-people">
            {data.items.map((k) => {
              const state = k.revokedAt ? 'revoked' : k.retiredAt ? 'retired' : 'active';
              return (
                <li key={k.id}>
                  <span className="access-people__name">
                    <code>{k.kid}</code> · {formatDateTime(k.createdAt, i18n.language)} · {t(`admin.keyState.${state}`)}
                  </span>
                  {state !== 'revoked' && (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={revoke.isPending || !reason.trim()}
                      onClick={() => revoke.mutate(k.id)}
                    >
                      {t('admin.revokeKey')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </QueryView>
      <div className="field">
        <label htmlFor={`${id}-r`}>{t('admin.revokeReason')}</label>
        <input id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </div>
      <button type="button" className="button" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
        {t('admin.rotate')}
      </button>
      {(rotate.isError || revoke.isError) && <ErrorNotice error={rotate.error ?? revoke.error} />}
    </Section>
  );
}
