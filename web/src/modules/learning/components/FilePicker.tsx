import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileSize } from '../format.js';
import { send, uploadFile, type UploadedFile } from '../http.js';
import { learningErrorText } from '../errors.js';
import { FileInput } from '../../../ui/controls.js';

export interface Upload {
  localId: number;
  file: File;
  status: 'uploading' | 'done' | 'error';
  progress: number;
  uploaded: UploadedFile | null;
  error: unknown;
}

/** What the server accepts (it judges by content; this only filters the picker). Pictures let a phone offer its camera. */
export const ACCEPT = 'image/*,.pdf,.doc,.docx,.odt,.txt,.xls,.xlsx,.ods,.ppt,.pptx,.odp,.mp3,.m4a,.mp4';
export const MAX_FILES = 10;

/**
 * Files chosen for a submission or a lesson, each uploaded at once (so "Send" only sends ids).
 * A failed upload stays in the list with a retry; removing an uploaded file deletes it from the
 * store (it is attached to nothing yet).
 */
export function useUploads() {
  const [items, setItems] = useState<Upload[]>([]);
  const next = useRef(1);
  const patch = useCallback((localId: number, p: Partial<Upload>) => {
    setItems((list) => list.map((u) => (u.localId === localId ? { ...u, ...p } : u)));
  }, []);
  const start = useCallback(
    (localId: number, file: File) => {
      patch(localId, { status: 'uploading', progress: 0, error: null });
      uploadFile(file, { onProgress: (progress) => patch(localId, { progress }) })
        .then((uploaded) => patch(localId, { status: 'done', uploaded, progress: 1 }))
        .catch((error: unknown) => patch(localId, { status: 'error', error }));
    },
    [patch],
  );
  const add = useCallback(
    (files: FileList | File[]) => {
      const fresh = [...files].map((file) => ({ localId: next.current++, file, status: 'uploading' as const, progress: 0, uploaded: null, error: null }));
      setItems((list) => [...list, ...fresh].slice(0, MAX_FILES));
      for (const u of fresh) start(u.localId, u.file);
    },
    [start],
  );
  const remove = useCallback(
    (localId: number) => {
      const gone = items.find((u) => u.localId === localId);
      // an upload attached to nothing yet: delete it from the store (best effort: a failure leaves an unused file, no harm)
      if (gone?.uploaded) void send('DELETE', `/api/files/${gone.uploaded.id}`).catch(() => undefined);
      setItems((list) => list.filter((u) => u.localId !== localId));
    },
    [items],
  );
  const retry = useCallback(
    (localId: number) => {
      const u = items.find((x) => x.localId === localId);
      if (u) start(localId, u.file);
    },
    [items, start],
  );
  const reset = useCallback(() => setItems([]), []);
  const ids = items.filter((u) => u.status === 'done' && u.uploaded).map((u) => u.uploaded!.id);
  const busy = items.some((u) => u.status === 'uploading');
  const failed = items.some((u) => u.status === 'error');
  return { items, add, remove, retry, reset, ids, busy, failed };
}

export type Uploads = ReturnType<typeof useUploads>;

export function FilePicker({ uploads, label, hint }: { uploads: Uploads; label: string; hint?: string }) {
  const { t, i18n } = useTranslation('learning');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const full = uploads.items.length >= MAX_FILES;
  return (
    <div className="field l-files">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FileInput
        id={id}
        inputRef={input}
        multiple
        accept={ACCEPT}
        disabled={full}
        aria-describedby={hint ? `${id}-hint` : undefined}
        showChosen={false}
        resetAfterChoice // the list below shows the files; the same file may be chosen again after removing it
        onFiles={(files) => {
          if (files.length) uploads.add(files);
        }}
      />
      {uploads.items.length > 0 && (
        <ul className="l-uploads" aria-live="polite">
          {uploads.items.map((u) => (
            <li key={u.localId} className={`l-upload l-upload--${u.status}`}>
              <span className="l-upload__name">{u.file.name}</span>
              <span className="muted"> · {fileSize(t, u.file.size, i18n.language)}</span>
              {u.status === 'uploading' && (
                <>
                  <progress max={1} value={u.progress} aria-label={t('files.uploadingName', { name: u.file.name })} />
                  <span className="muted"> {t('files.uploading', { percent: Math.round(u.progress * 100) })}</span>
                </>
              )}
              {u.status === 'done' && <span className="l-upload__ok"> {t('files.uploaded')}</span>}
              {u.status === 'error' && (
                <span className="l-upload__error" role="alert">
                  {' '}
                  {learningErrorText(i18n, u.error)}
                </span>
              )}
              <span className="l-upload__actions">
                {u.status === 'error' && (
                  <button type="button" className="button button--quiet l-inline-button" onClick={() => uploads.retry(u.localId)}>
                    {t('files.retry')}
                    <span className="visually-hidden">: {u.file.name}</span>
                  </button>
                )}
                <button type="button" className="button button--quiet l-inline-button" onClick={() => uploads.remove(u.localId)}>
                  {t('files.remove')}
                  <span className="visually-hidden">: {u.file.name}</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
