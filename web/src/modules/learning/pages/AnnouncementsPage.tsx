import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../ui/feedback.js';
import { useTitle } from '../../../ui/useTitle.js';
import { meQuery } from '../../identity/api.js';
import { classQuery } from '../../organisations/api.js';
import { announcementsQuery, LEARNING, postAnnouncement } from '../api.js';
import { AnnouncementList } from '../components/Announcements.js';
import { Crumbs } from '../components/Crumbs.js';
import { LearningError } from '../errors.js';
import { useTeacherClock } from '../hooks.js';
import '../learning.css';

/** A class's announcements; its teachers and homeroom teacher post new ones here, and pupils and parents see them on Today. */
export default function AnnouncementsPage({ classId }: { classId: number }) {
  const { t } = useTranslation('learning');
  const list = useQuery({ ...announcementsQuery(classId), enabled: classId > 0 });
  const me = useQuery(meQuery);
  const { timeZone } = useTeacherClock();
  const mayPost = me.data?.roles.some((r) => r.role === 'teacher' || r.role === 'homeroom') ?? false;
  const cls = useQuery({ ...classQuery(classId), enabled: classId > 0 });
  const className = cls.data?.name ?? list.data?.items[0]?.class.name;
  useTitle(className ? `${t('announcements.title')}: ${className}` : t('announcements.title'));
  return (
    <>
      <Crumbs />
      <h1>
        {t('announcements.title')}
        {className && ` — ${className}`}
      </h1>
      {mayPost && <PostForm classId={classId} />}
      <section className="card" aria-labelledby="l-ann-list">
        <h2 id="l-ann-list">{t('announcements.latest')}</h2>
        <QueryView query={list}>{(data) => <AnnouncementList items={data.items} timeZone={timeZone} />}</QueryView>
      </section>
    </>
  );
}

function PostForm({ classId }: { classId: number }) {
  const { t } = useTranslation('learning');
  const id = useId();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const post = useMutation({
    mutationFn: () => postAnnouncement(classId, { title: title.trim(), body: body.trim() }),
    onSuccess: () => {
      setTitle('');
      setBody('');
      void queryClient.invalidateQueries({ queryKey: [LEARNING, 'announcements', classId] });
      void queryClient.invalidateQueries({ queryKey: [LEARNING, 'diary'] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || !body.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    post.mutate();
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('announcements.post')}</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('announcements.titleField')}</label>
          <input
            id={`${id}-title`}
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={(missing && !title.trim()) || undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-body`}>{t('announcements.body')}</label>
          <textarea
            id={`${id}-body`}
            rows={4}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={(missing && !body.trim()) || undefined}
          />
        </div>
        {missing && (
          <p className="form__error" role="alert">
            {t('announcements.missing')}
          </p>
        )}
        {post.isError && <LearningError error={post.error} />}
        {post.isSuccess && !post.isPending && (
          <p className="notice" role="status">
            {t('announcements.published')}
          </p>
        )}
        <div>
          <button type="submit" className="button" disabled={post.isPending}>
            {post.isPending ? t('announcements.publishing') : t('announcements.publish')}
          </button>
        </div>
      </form>
    </section>
  );
}
