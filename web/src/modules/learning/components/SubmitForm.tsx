import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, CLIENT_CODES, isApiError } from '../../../api/client.js';
import { LEARNING, submitWork, type Submission } from '../api.js';
import { LearningError } from '../errors.js';
import { fileSize } from '../format.js';
import { isRetryable, keyForSend, newIdempotencyKey, type PendingSend, type SubmissionDraft } from '../submit-key.js';
import { FilePicker, useUploads } from './FilePicker.js';
import { meQuery } from '../../identity/api.js';
import { enqueue, OUTBOX_FILES_MAX_BYTES, startOutbox, useOutbox } from '../outbox.js';

/** The work went to the outbox (no connection): not an error, it waits and goes by itself. */
class Queued extends Error {}

/**
 * Sending work: text and files (uploaded as they are chosen). Each send carries an Idempotency-Key
 * kept until the server answers, so a retry after a dropped connection — automatic or by the
 * button — never makes a second submission. A resubmission starts from the previous text and files.
 */
export function SubmitForm({
  homeworkId,
  previous,
  timeZone,
  onSent,
}: {
  homeworkId: number;
  previous: Submission | null;
  timeZone: string;
  onSent?: (s: Submission) => void;
}) {
  const { t, i18n } = useTranslation('learning');
  const queryClient = useQueryClient();
  const textId = useId();
  const [text, setText] = useState(previous?.text ?? '');
  const [kept, setKept] = useState(previous?.files ?? []);
  const [empty, setEmpty] = useState(false);
  const uploads = useUploads();
  const pending = useRef<PendingSend | null>(null);
  const personId = useQuery(meQuery).data?.person.id;
  const queued = useOutbox(homeworkId);
  /** Files whose upload found no connection: queued with the work when it is handed in offline. */
  const offlineFiles = () => uploads.items.filter((u) => u.status === 'error' && isApiError(u.error) && u.error.status === 0);
  const afterSend = (s: Submission) => {
    void queryClient.invalidateQueries({ queryKey: [LEARNING, 'homework', homeworkId] });
    void queryClient.invalidateQueries({ queryKey: [LEARNING, 'diary'] });
    onSent?.(s);
  };
  useEffect(() => {
    if (personId) startOutbox(personId, () => void queryClient.invalidateQueries({ queryKey: [LEARNING] }));
  }, [personId, queryClient]);
  const submit = useMutation({
    mutationFn: async (draft: SubmissionDraft) => {
      pending.current = keyForSend(pending.current, draft, newIdempotencyKey);
      const body = { text: draft.text.trim() || null, fileIds: draft.fileIds };
      const toOutbox = async () => {
        // files chosen without a connection go with the work, within what the phone keeps
        const offline = offlineFiles();
        if (offline.reduce((n, u) => n + u.file.size, 0) > OUTBOX_FILES_MAX_BYTES) return new ApiError(CLIENT_CODES.offline, 'offline', 0);
        const files = offline.map((u) => ({ name: u.file.name, type: u.file.type, data: u.file as Blob }));
        await enqueue({ key: pending.current!.key, personId: personId ?? 0, homeworkId, ...body, files, createdAt: Date.now() });
        for (const u of offline) uploads.remove(u.localId); // kept with the work now
        pending.current = null;
        return new Queued();
      };
      // offline: kept on the phone with its key, sent by itself when the connection returns
      if (personId && navigator.onLine === false) throw await toOutbox();
      try {
        return await submitWork(homeworkId, body, pending.current.key);
      } catch (err) {
        if (personId && isApiError(err) && err.status === 0) throw await toOutbox();
        throw err;
      }
    },
    // nothing arrived (or the server failed): try again by itself, with the same key
    retry: (failures, err) => isApiError(err) && isRetryable(err.status) && failures < 2,
    retryDelay: (failures) => 1500 * 2 ** failures,
    onSuccess: (s) => {
      pending.current = null;
      uploads.reset();
      setKept(s.files);
      setText(s.text ?? '');
      afterSend(s);
    },
    onError: (err) => {
      // the server answered (422, 409…): that key is spent; a later send of other work gets a new one
      if (!(isApiError(err) && isRetryable(err.status))) pending.current = null;
    },
  });
  const draft = (): SubmissionDraft => ({ text, fileIds: [...kept.map((f) => f.id), ...uploads.ids] });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const d = draft();
    if (!d.text.trim() && d.fileIds.length === 0 && offlineFiles().length === 0) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    submit.mutate(d);
  };
  const isQueued = submit.error instanceof Queued;
  const stillRetryable = submit.isError && isApiError(submit.error) && isRetryable(submit.error.status);
  return (
    <form className="form l-submit" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={textId}>{t('submit.text')}</label>
        <textarea id={textId} rows={5} maxLength={20_000} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={empty || undefined} />
      </div>
      {kept.length > 0 && (
        <div className="field">
          <span className="l-label">{t('submit.keptFiles')}</span>
          <ul className="l-uploads">
            {kept.map((f) => (
              <li key={f.id} className="l-upload l-upload--done">
                <span className="l-upload__name">{f.name}</span>
                <span className="muted"> · {fileSize(t, f.size, i18n.language)}</span>
                <span className="l-upload__actions">
                  <button type="button" className="button button--quiet l-inline-button" onClick={() => setKept((k) => k.filter((x) => x.id !== f.id))}>
                    {t('files.remove')}
                    <span className="visually-hidden">: {f.name}</span>
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <FilePicker uploads={uploads} label={t('submit.files')} hint={t('submit.filesHint')} />
      {empty && (
        <p className="form__error" role="alert">
          {t('submit.empty')}
        </p>
      )}
      {queued?.state === 'waiting' && (
        <p className="notice" role="status">
          {t('submit.waiting')}
        </p>
      )}
      {queued?.state === 'sent' && isQueued && (
        <p className="notice" role="status">
          {queued.submission.late ? t('submit.sentLate') : t('submit.sent')}
        </p>
      )}
      {queued?.state === 'refused' && isQueued && <LearningError error={new ApiError(queued.code, queued.code, 422)} timeZone={timeZone} />}
      {submit.isError &&
        !isQueued &&
        (stillRetryable ? (
          <div className="notice notice--error" role="alert">
            <p>{t('submit.notSent')}</p>
            <button type="submit" className="button button--secondary">
              {t('submit.retry')}
            </button>
          </div>
        ) : (
          <LearningError error={submit.error} timeZone={timeZone} />
        ))}
      {submit.isSuccess && !submit.isPending && (
        <p className="notice" role="status">
          {submit.data.late ? t('submit.sentLate') : t('submit.sent')}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={submit.isPending || uploads.busy}>
          {submit.isPending ? t('submit.sending') : previous ? t('submit.resend') : t('submit.send')}
        </button>
        {uploads.busy && <span className="muted l-after-button">{t('submit.waitUploads')}</span>}
      </div>
    </form>
  );
}
