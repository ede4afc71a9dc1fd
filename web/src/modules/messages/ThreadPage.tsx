import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { useTitle } from '../../ui/useTitle.js';
import { dateTimeText } from '../duty/days.js';
import { sendReply, threadQuery, threadsQuery, type ThreadView } from './api.js';
import './messages.css';

function ReplyForm({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation('messages');
  const id = useId();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: () => sendReply(thread.id, body.trim()),
    onSuccess: async () => {
      setBody('');
      await queryClient.invalidateQueries({ queryKey: ['messages'] });
    },
  });
  return (
    <form
      className="form msg-form"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (body.trim()) send.mutate();
      }}
    >
      <div className="field">
        <label htmlFor={id}>{t('replyLabel')}</label>
        <textarea id={id} value={body} maxLength={4000} rows={4} onChange={(e) => setBody(e.target.value)} />
      </div>
      {send.isError && <ErrorNotice error={send.error} />}
      {send.isSuccess && body === '' && <p role="status">{t('sent')}</p>}
      <div>
        <button type="submit" className="button" disabled={send.isPending || body.trim() === ''}>
          {send.isPending ? t('sending') : t('send')}
        </button>
      </div>
    </form>
  );
}

/** One conversation: its messages oldest first (mine on the right), and a reply box. Opening it marks it read. */
export function ThreadPage({ threadId }: { threadId: number }) {
  const { t, i18n } = useTranslation(['messages', 'common']);
  const queryClient = useQueryClient();
  const thread = useQuery(threadQuery(threadId));
  useTitle(thread.data?.subject ?? t('title'));
  // the server marked it read when it answered: the list's and the header's counts change
  useEffect(() => {
    if (thread.dataUpdatedAt > 0) void queryClient.invalidateQueries({ queryKey: threadsQuery.queryKey });
  }, [thread.dataUpdatedAt, queryClient]);
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
      <QueryView query={thread} heading={t('title')}>
        {(data) => (
          <>
            <h1>{data.subject}</h1>
            <p className="muted">
              {t('about', { name: data.pupil.name })} · {t('with', { names: data.participants.map((p) => p.name).join(', ') })}
            </p>
            <p className="visually-hidden">{t('messagesCount', { count: data.messages.length })}</p>
            <ol className="plain-list msg-thread">
              {data.messages.map((m) => (
                <li key={m.id} className={`msg-bubble${m.mine ? ' msg-bubble--mine' : ''}`}>
                  <p className="msg-bubble__author">
                    {m.mine ? t('me') : m.author.name} · {dateTimeText(m.createdAt, i18n.language)}
                  </p>
                  <p className="msg-bubble__body">{m.body}</p>
                </li>
              ))}
            </ol>
            <h2>{t('reply')}</h2>
            <ReplyForm thread={data} />
          </>
        )}
      </QueryView>
    </>
  );
}
