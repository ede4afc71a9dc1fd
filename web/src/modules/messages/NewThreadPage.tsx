import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { useTitle } from '../../ui/useTitle.js';
import { fullName } from '../../ui/format.js';
import { childrenQuery, meQuery } from '../identity/api.js';
import { classQuery, myClassesQuery } from '../organisations/api.js';
import { contactsQuery, startThread } from './api.js';
import { isParent, isStaff } from './roles.js';
import './messages.css';

/** A parent's children to choose from. */
function ChildChoice({ pupilId, onChange }: { pupilId: number; onChange: (id: number) => void }) {
  const { t } = useTranslation('messages');
  const children = useQuery(childrenQuery);
  return (
    <QueryView query={children}>
      {(data) =>
        data.children.length === 0 ? (
          <p>{t('new.noChildren')}</p>
        ) : (
          <div className="field">
            <label htmlFor="msg-child">{t('new.child')}</label>
            <select id="msg-child" value={pupilId || ''} onChange={(e) => onChange(Number(e.target.value))}>
              <option value="">{t('new.choose')}</option>
              {data.children.map((c) => (
                <option key={c.id} value={c.id}>
                  {fullName(c)}
                  {c.classes[0] ? ` (${c.classes[0].name})` : ''}
                </option>
              ))}
            </select>
          </div>
        )
      }
    </QueryView>
  );
}

/** A teacher's classes, then a pupil of the chosen class. */
function PupilChoice({ pupilId, onChange }: { pupilId: number; onChange: (id: number) => void }) {
  const { t } = useTranslation('messages');
  const classes = useQuery(myClassesQuery());
  const [classId, setClassId] = useState(0);
  const detail = useQuery({ ...classQuery(classId), enabled: classId > 0 });
  const mine = (classes.data?.items ?? []).filter((c) => c.relations.includes('teacher') || c.relations.includes('homeroom'));
  return (
    <QueryView query={classes}>
      {() =>
        mine.length === 0 ? (
          <p>{t('new.noClasses')}</p>
        ) : (
          <>
            <div className="field">
              <label htmlFor="msg-class">{t('new.klass')}</label>
              <select
                id="msg-class"
                value={classId || ''}
                onChange={(e) => {
                  setClassId(Number(e.target.value));
                  onChange(0);
                }}
              >
                <option value="">{t('new.choose')}</option>
                {mine.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            {classId > 0 && (
              <QueryView query={detail}>
                {(d) => (
                  <div className="field">
                    <label htmlFor="msg-pupil">{t('new.pupil')}</label>
                    <select id="msg-pupil" value={pupilId || ''} onChange={(e) => onChange(Number(e.target.value))}>
                      <option value="">{t('new.choose')}</option>
                      {(d.pupils ?? []).map((p) => (
                        <option key={p.id} value={p.id}>
                          {fullName(p)}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
              </QueryView>
            )}
          </>
        )
      }
    </QueryView>
  );
}

/** Start a conversation about a child: a parent with the child's teachers, a teacher with the child's parents. */
export function NewThreadPage({ initialPupilId }: { initialPupilId?: number }) {
  const { t } = useTranslation(['messages', 'common']);
  useTitle(t('new.title'));
  const me = useQuery(meQuery).data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [pupilId, setPupilId] = useState(initialPupilId ?? 0);
  const [recipientId, setRecipientId] = useState(0);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const contacts = useQuery({ ...contactsQuery(pupilId), enabled: pupilId > 0 });
  const choosePupil = (id: number) => {
    setPupilId(id);
    setRecipientId(0);
  };
  const send = useMutation({
    mutationFn: () => startThread({ pupilId, recipientId, subject: subject.trim(), body: body.trim() }),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: ['messages'] });
      await navigate({ to: '/messages/$threadId', params: { threadId: id } });
    },
  });
  const ready = pupilId > 0 && recipientId > 0 && subject.trim() !== '' && body.trim() !== '';
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
      <h1>{t('new.title')}</h1>
      <form
        className="form msg-form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (ready) send.mutate();
        }}
      >
        {me && isParent(me) && <ChildChoice pupilId={pupilId} onChange={choosePupil} />}
        {me && isStaff(me) && <PupilChoice pupilId={pupilId} onChange={choosePupil} />}
        {pupilId > 0 && (
          <QueryView query={contacts}>
            {(data) =>
              data.items.length === 0 ? (
                <p>{t('new.noRecipients')}</p>
              ) : (
                <div className="field">
                  <label htmlFor="msg-recipient">{t('new.recipient')}</label>
                  <select id="msg-recipient" value={recipientId || ''} onChange={(e) => setRecipientId(Number(e.target.value))}>
                    <option value="">{t('new.choose')}</option>
                    {data.items.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name} — {t(`roles.${c.role}`)}
                      </option>
                    ))}
                  </select>
                </div>
              )
            }
          </QueryView>
        )}
        <div className="field">
          <label htmlFor="msg-subject">{t('new.subject')}</label>
          <input id="msg-subject" value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="msg-body">{t('new.body')}</label>
          <textarea id="msg-body" value={body} maxLength={4000} rows={6} onChange={(e) => setBody(e.target.value)} />
        </div>
        {send.isError && <ErrorNotice error={send.error} />}
        <div>
          <button type="submit" className="button" disabled={!ready || send.isPending}>
            {send.isPending ? t('sending') : t('new.send')}
          </button>
        </div>
      </form>
    </>
  );
}
