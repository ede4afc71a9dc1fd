import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { localised } from '../../ui/format.js';
import { Section } from '../../ui/Section.js';
import { useTitle } from '../../ui/useTitle.js';
import { tvChannelsQuery, VIDEO_KEY, videoApi, type TvChannel, type TvChannels } from './api.js';
import './video.css';

const LANGS = ['kk', 'ru', 'en'] as const;
type Lang = (typeof LANGS)[number];
type Region = TvChannels['canCreate']['localRegions'][number];

/**
 * The TV channels the grid import takes slots on: the ministry creates and edits national ones (and
 * any other), a region officer the local retransmission channels of their region. Everyone else
 * reads the list.
 */
export function TvChannelsPage() {
  const { t } = useTranslation('video');
  useTitle(t('channels.title'));
  const q = useQuery(tvChannelsQuery);
  return (
    <div className="video">
      <QueryView query={q} heading={t('channels.title')}>
        {(data) => (
          <>
            <h1>{t('channels.title')}</h1>
            <p>{t('channels.intro')}</p>
            <ul className="video-list">
              {data.items.map((c) => (
                <ChannelItem key={c.id} c={c} regions={data.canCreate.localRegions} national={data.canCreate.national} />
              ))}
            </ul>
            {(data.canCreate.national || data.canCreate.localRegions.length > 0) && <NewChannel canCreate={data.canCreate} />}
          </>
        )}
      </QueryView>
    </div>
  );
}

function ChannelItem({ c, regions, national }: { c: TvChannel; regions: Region[]; national: boolean }) {
  const { t, i18n } = useTranslation('video');
  const [editing, setEditing] = useState(false);
  return (
    <li aria-label={c.name}>
      <strong>{c.name}</strong> <span className="muted">({c.code})</span>
      <p className="video-meta">
        {t(`channels.kinds.${c.kind}`)}
        {c.region && ` · ${localised(c.region.name, i18n.language)}`} · {c.languages.map((l) => t(`languages.${l}`)).join(', ')} · {c.timeZone}
      </p>
      {c.canEdit && !editing && (
        <div className="video-actions">
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            {t('channels.edit')}
          </button>
        </div>
      )}
      {editing && <ChannelForm channel={c} regions={regions} national={national} onDone={() => setEditing(false)} />}
    </li>
  );
}

function NewChannel({ canCreate }: { canCreate: TvChannels['canCreate'] }) {
  const { t } = useTranslation('video');
  const [key, setKey] = useState(0);
  return (
    <Section title={t('channels.new')}>
      <ChannelForm key={key} regions={canCreate.localRegions} national={canCreate.national} onDone={() => setKey((k) => k + 1)} />
    </Section>
  );
}

/** Create (no `channel`) or edit a channel: the code only when creating (files name it). */
function ChannelForm({ channel, regions, national, onDone }: { channel?: TvChannel; regions: Region[]; national: boolean; onDone: () => void }) {
  const { t, i18n } = useTranslation('video');
  const id = useId();
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState(channel?.name ?? '');
  const [kind, setKind] = useState<'national' | 'local'>(channel?.kind ?? (national ? 'national' : 'local'));
  const [languages, setLanguages] = useState<Lang[]>(channel?.languages ?? ['kk', 'ru']);
  const [regionId, setRegionId] = useState(String(channel?.region?.id ?? (regions.length === 1 ? regions[0]!.id : '')));
  const [timeZone, setTimeZone] = useState(channel?.timeZone ?? 'Asia/Almaty');
  const save = useMutation({
    mutationFn: () => {
      const common = { name: name.trim(), kind, languages, regionId: regionId ? Number(regionId) : null, timeZone: timeZone.trim() };
      return channel ? videoApi.editChannel(channel.id, common) : videoApi.createChannel({ code: code.trim(), ...common });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [...VIDEO_KEY, 'channels'] });
      onDone();
    },
  });
  const toggle = (l: Lang) => setLanguages((ls) => (ls.includes(l) ? ls.filter((x) => x !== l) : LANGS.filter((x) => x === l || ls.includes(x))));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  // a region officer keeps a channel in their region; the ministry may pick any region (or none for a national one)
  const regionChoices = channel?.region && !regions.some((r) => r.id === channel.region!.id) ? [channel.region, ...regions] : regions;
  return (
    <form className="form" onSubmit={onSubmit} aria-label={channel ? t('channels.editOf', { name: channel.name }) : t('channels.new')}>
      {!channel && (
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('channels.code')}</label>
          <input
            id={`${id}-code`}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
            pattern="[a-z][a-z0-9_]{1,39}"
            aria-describedby={`${id}-code-hint`}
          />
          <p className="field__hint" id={`${id}-code-hint`}>
            {t('channels.codeHint')}
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('channels.name')}</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
      </div>
      <div className="video-filters">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('channels.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as 'national' | 'local')} disabled={!national}>
            <option value="national">{t('channels.kinds.national')}</option>
            <option value="local">{t('channels.kinds.local')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-region`}>{t('channels.region')}</label>
          <select id={`${id}-region`} value={regionId} onChange={(e) => setRegionId(e.target.value)} required={kind === 'local'}>
            {national && <option value="">—</option>}
            {regionChoices.map((r) => (
              <option key={r.id} value={r.id}>
                {localised(r.name, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="field">
        <legend>{t('channels.languages')}</legend>
        {LANGS.map((l) => (
          <label key={l} className="video-check">
            <input type="checkbox" checked={languages.includes(l)} onChange={() => toggle(l)} /> {t(`languages.${l}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-tz`}>{t('channels.timeZone')}</label>
        <input id={`${id}-tz`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} required maxLength={64} />
      </div>
      {save.isError && <ErrorNotice error={save.error} />}
      <div className="video-actions">
        <button type="submit" className="button" disabled={save.isPending || languages.length === 0}>
          {channel ? t('edit.save') : t('channels.create')}
        </button>
        {channel && (
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('upload.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
