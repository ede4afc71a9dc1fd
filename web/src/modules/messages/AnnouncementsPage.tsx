import { useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { useTitle } from '../../ui/useTitle.js';
import { localised } from '../../ui/format.js';
import { meQuery } from '../identity/api.js';
import { announcementsQuery, postAnnouncement } from './api.js';
import { AnnouncementItem } from './AnnouncementItem.js';
import { announcingOrganisations } from './roles.js';
import './messages.css';

const PAGE_SIZE = 10;

/** The org admin's form: one announcement to everyone holding a role in the organisation (each is notified). */
function ComposeForm({ organisations }: { organisations: { id: number; name: { kk: string; ru: string; en: string } | null }[] }) {
  const { t, i18n } = useTranslation('messages');
  const queryClient = useQueryClient();
  const [organisationId, setOrganisationId] = useState(organisations[0]!.id);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const post = useMutation({
    mutationFn: () => postAnnouncement(organisationId, { title: title.trim(), body: body.trim() }),
    onSuccess: async () => {
      setTitle('');
      setBody('');
      await queryClient.invalidateQueries({ queryKey: ['messages', 'announcements'] });
    },
  });
  const ready = title.trim() !== '' && body.trim() !== '';
  return (
    <form
      className="form msg-form card"
      noValidate
      aria-labelledby="msg-compose"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (ready) post.mutate();
      }}
    >
      <h2 id="msg-compose">{t('announcements.compose')}</h2>
      {organisations.length > 1 && (
        <div className="field">
          <label htmlFor="msg-org">{t('announcements.organisation')}</label>
          <select id="msg-org" value={organisationId} onChange={(e) => setOrganisationId(Number(e.target.value))}>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {localised(o.name, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="msg-a-title">{t('announcements.headline')}</label>
        <input
          id="msg-a-title"
          value={title}
          maxLength={200}
          onChange={(e) => {
            setTitle(e.target.value);
            post.reset();
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="msg-a-body">{t('announcements.body')}</label>
        <textarea
          id="msg-a-body"
          className="msg-textarea"
          value={body}
          maxLength={4000}
          rows={5}
          onChange={(e) => {
            setBody(e.target.value);
            post.reset();
          }}
        />
      </div>
      {post.isError && <ErrorNotice error={post.error} />}
      {post.isSuccess && <p role="status">{t('announcements.posted')}</p>}
      <div>
        <button type="submit" className="button" disabled={!ready || post.isPending}>
          {post.isPending ? t('sending') : t('announcements.post')}
        </button>
      </div>
    </form>
  );
}

/** School-wide announcements of my organisations, newest first; an org admin writes new ones here. */
export function AnnouncementsPage() {
  const { t } = useTranslation(['messages', 'common']);
  useTitle(t('announcements.title'));
  const me = useQuery(meQuery).data;
  const list = useQuery(announcementsQuery);
  const [page, setPage] = useState(1);
  const organisations = me ? announcingOrganisations(me) : [];
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
          <li>
            <Link to="/messages" search={{}}>
              {t('title')}
            </Link>
          </li>
        </ol>
      </nav>
      <h1>{t('announcements.title')}</h1>
      {organisations.length > 0 && <ComposeForm organisations={organisations} />}
      <QueryView query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('announcements.none')}</p>
          ) : (
            <>
              <ul className="plain-list msg-list">
                {data.items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((a) => (
                  <li key={a.id}>
                    <AnnouncementItem a={a} />
                  </li>
                ))}
              </ul>
              <Pager page={page} pageSize={PAGE_SIZE} total={data.items.length} onChange={setPage} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
