import { useId, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FileInput } from '../../ui/controls.js';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatDate, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import {
  assessmentQuery,
  fileUrl,
  pdfUrl,
  reviewAssessment,
  saveDraft,
  submitAssessment,
  uploadEvidence,
  type Assessment,
  type DraftAnswer,
  type Evidence,
  type EvidenceKey,
  type Level,
} from './api.js';
import './quality.css';

const LEVELS: Level[] = ['not_adequate', 'partially', 'largely', 'fully'];
type FileMeta = { id: string; name: string; sizeBytes: number };
type Criterion = Assessment['framework']['areas'][number]['criteria'][number];

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

/** One school year's self-assessment: the admin's form, a reviewer's review, everyone's history. */
export function AssessmentPage({ organisationId, yearId }: { organisationId: number; yearId: number }) {
  const { t } = useTranslation('quality');
  const q = useQuery(assessmentQuery(organisationId, yearId));
  useTitle(t('title'));
  // what was just done: kept here, as the view below starts afresh from each answer of the server
  const [done, setDone] = useState<'saved' | 'reviewed' | null>(null);
  return (
    <QueryView query={q} heading={t('title')}>
      {(a) => <AssessmentView key={`${a.id}-${a.updatedAt}-${a.status}`} a={a} done={done} onDone={setDone} />}
    </QueryView>
  );
}

function EvidenceChips({ keys, ev }: { keys: EvidenceKey[]; ev: Evidence | null }) {
  const { t } = useTranslation('quality');
  if (!keys.length || !ev) return null;
  return (
    <dl className="quality-evidence">
      {keys.map((k) => (
        <div key={k}>
          <dt>{t(`evidence.${k}`, { days: ev.markDays })}</dt>
          <dd>{pct(ev[k])}</dd>
        </div>
      ))}
    </dl>
  );
}

function AssessmentView({ a, done: lastDone, onDone }: { a: Assessment; done: 'saved' | 'reviewed' | null; onDone: (d: 'saved' | 'reviewed' | null) => void }) {
  const { t, i18n } = useTranslation('quality');
  const lang = i18n.language;
  const qc = useQueryClient();
  const latest = a.submissions[0] ?? null;
  const review = latest?.review ?? null;
  const [answers, setAnswers] = useState<Map<string, DraftAnswer>>(
    () =>
      new Map(
        a.answers.map((x) => [
          x.criterion,
          { criterion: x.criterion, level: x.level, comment: x.comment, evidence: x.evidence, links: x.links, fileIds: x.files.map((f) => f.id) },
        ]),
      ),
  );
  const [files, setFiles] = useState<Map<string, FileMeta>>(() => new Map(a.answers.flatMap((x) => x.files.map((f) => [f.id, f] as const))));
  const [linksText, setLinksText] = useState<Map<string, string>>(() => new Map(a.answers.map((x) => [x.criterion, x.links.join('\n')])));
  const [missing, setMissing] = useState<string[]>([]);
  const [badLinks, setBadLinks] = useState<string[]>([]);
  const [reviewComments, setReviewComments] = useState<Map<string, string>>(new Map());
  const [overall, setOverall] = useState('');
  const criteria = a.framework.areas.flatMap((x) => x.criteria);
  const titleOf = (key: string) => localised(criteria.find((c) => c.key === key)?.title, lang);
  const patch = (criterion: string, p: Partial<DraftAnswer>) => setAnswers((m) => new Map(m).set(criterion, { ...m.get(criterion)!, ...p }));
  const payload = (): DraftAnswer[] =>
    criteria.map((c) => ({
      ...answers.get(c.key)!,
      links: (linksText.get(c.key) ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    }));
  const done = async (next: Assessment) => {
    qc.setQueryData(assessmentQuery(a.organisation.id, a.year.id).queryKey, next);
    await qc.invalidateQueries({ queryKey: ['quality', 'history'] });
    await qc.invalidateQueries({ queryKey: ['quality', 'reviews'] });
  };
  const save = useMutation({
    mutationFn: () => saveDraft(a.organisation.id, a.year.id, payload()),
    onMutate: () => onDone(null),
    onSuccess: async (next) => {
      onDone('saved');
      await done(next);
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      await saveDraft(a.organisation.id, a.year.id, payload());
      return submitAssessment(a.organisation.id, a.year.id);
    },
    onMutate: () => onDone(null),
    onSuccess: done,
  });
  const sendReview = useMutation({
    mutationFn: (verdict: 'accepted' | 'returned') =>
      reviewAssessment(a.id!, {
        verdict,
        comment: overall.trim(),
        comments: [...reviewComments].filter(([, c]) => c.trim()).map(([criterion, comment]) => ({ criterion, comment: comment.trim() })),
      }),
    onSuccess: async (next) => {
      onDone('reviewed');
      await done(next);
    },
  });
  const upload = useMutation({
    mutationFn: async ({ criterion, file }: { criterion: string; file: File }) => ({ criterion, f: await uploadEvidence(file) }),
    onSuccess: ({ criterion, f }) => {
      setFiles((m) => new Map(m).set(f.id, f));
      patch(criterion, { fileIds: [...answers.get(criterion)!.fileIds, f.id] });
    },
  });
  const ev = a.mayEdit || !latest ? a.evidence : latest.evidence;
  const answered = [...answers.values()].filter((x) => x.level !== null).length;
  /** links the server would refuse, said per criterion before anything is sent (its answer names no field) */
  const linksChecked = () => {
    const wrong = criteria.filter((c) => !linksFit(linksText.get(c.key) ?? '')).map((c) => c.key);
    setBadLinks(wrong);
    return wrong.length === 0;
  };
  const onSave = () => {
    if (linksChecked()) save.mutate();
  };
  const onSubmit = () => {
    const lacking = criteria.filter((c) => answers.get(c.key)?.level == null).map((c) => c.key);
    setMissing(lacking);
    if (linksChecked() && lacking.length === 0) submit.mutate();
  };
  const reviewComment = (key: string) => review?.comments.find((c) => c.criterion === key)?.comment;

  return (
    <div className="quality">
      <h1>{t('title')}</h1>
      <p>
        <Link to="/quality/organisations/$organisationId" params={{ organisationId: a.organisation.id }}>
          {localised(a.organisation.name, lang)}
        </Link>{' '}
        · {a.year.name}
      </p>
      <p className="quality-meta">
        <span className={`quality-badge quality-badge--${a.status}`}>{t(`status.${a.status}`)}</span>
        <span className="muted">{t('form.version', { version: a.framework.version })}</span>
        {a.id !== null && (
          <a href={pdfUrl(a.id, lang)} download>
            {t('form.pdf')}
          </a>
        )}
      </p>
      {a.status === 'returned' && (
        <div className="notice" role="status">
          <p>{t('form.returnedNote')}</p>
          {review?.comment && (
            <p>
              <strong>{t('review.reviewerSays')}:</strong> {review.comment}
            </p>
          )}
        </div>
      )}
      {a.status === 'submitted' && !a.mayReview && <p className="notice">{t('form.readOnlySubmitted')}</p>}
      {a.status === 'accepted' && <p className="notice">{t('form.readOnlyAccepted')}</p>}
      {!a.mayEdit && (a.status === 'draft' || a.status === 'none') && <p className="notice">{t('form.notSubmittedYet')}</p>}

      <section className="card" aria-labelledby="quality-evidence-title">
        <h2 id="quality-evidence-title">{a.mayEdit || !latest ? t('evidence.title') : t('evidence.snapshot')}</h2>
        {ev ? (
          <>
            <p className="muted">{t('evidence.period', { from: formatDate(ev.from, lang), to: formatDate(ev.to, lang), lessons: ev.lessons })}</p>
            <EvidenceChips
              keys={['remoteShare', 'materialsShare', 'presentShare', 'onlineShare', 'markedShare', 'markedInTimeShare', 'trainedShare']}
              ev={ev}
            />
          </>
        ) : (
          <p>{t('evidence.none')}</p>
        )}
      </section>

      {a.framework.areas.map((area) => (
        <section key={area.key} className="card quality-area" aria-labelledby={`quality-area-${area.key}`}>
          <h2 id={`quality-area-${area.key}`}>{localised(area.title, lang)}</h2>
          {area.criteria.map((c) => (
            <CriterionBlock
              key={c.key}
              c={c}
              a={a}
              ev={ev}
              answer={answers.get(c.key)!}
              files={files}
              linksText={linksText.get(c.key) ?? ''}
              reviewerComment={reviewComment(c.key)}
              missing={missing.includes(c.key)}
              badLinks={badLinks.includes(c.key)}
              onPatch={(p) => patch(c.key, p)}
              onLinks={(s) => setLinksText((m) => new Map(m).set(c.key, s))}
              onUpload={(file) => upload.mutate({ criterion: c.key, file })}
              uploading={upload.isPending && upload.variables?.criterion === c.key}
              reviewText={reviewComments.get(c.key) ?? ''}
              onReviewText={(s) => setReviewComments((m) => new Map(m).set(c.key, s))}
            />
          ))}
        </section>
      ))}
      {upload.isError && <ErrorNotice error={upload.error} />}

      {a.mayEdit && (
        <div className="card quality-actions">
          <p>{t('form.answered', { done: answered, total: criteria.length })}</p>
          {missing.length > 0 && (
            <div className="notice notice--error" role="alert">
              <p>{t('form.missing', { count: missing.length })}</p>
              <ul>
                {missing.map((k) => (
                  <li key={k}>{titleOf(k)}</li>
                ))}
              </ul>
            </div>
          )}
          {badLinks.length > 0 && (
            <div className="notice notice--error" role="alert">
              <p>{t('form.badLinks')}</p>
              <ul>
                {badLinks.map((k) => (
                  <li key={k}>{titleOf(k)}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="quality-buttons">
            <button type="button" className="button button--secondary" disabled={save.isPending || submit.isPending} onClick={onSave}>
              {t('form.save')}
            </button>
            <button type="button" className="button" disabled={save.isPending || submit.isPending} onClick={onSubmit}>
              {t('form.submit')}
            </button>
          </div>
          {lastDone === 'saved' && <p role="status">{t('form.saved')}</p>}
          {save.isError && <ErrorNotice error={save.error} />}
          {submit.isError && <ErrorNotice error={submit.error} />}
        </div>
      )}

      {a.mayReview && (
        <section className="card quality-actions" aria-labelledby="quality-review-title">
          <h2 id="quality-review-title">{t('review.title')}</h2>
          <div className="field">
            <label htmlFor="quality-overall">{t('review.comment')}</label>
            <textarea id="quality-overall" rows={3} maxLength={4000} value={overall} onChange={(e) => setOverall(e.target.value)} />
          </div>
          <div className="quality-buttons">
            <button type="button" className="button" disabled={sendReview.isPending} onClick={() => sendReview.mutate('accepted')}>
              {t('review.accept')}
            </button>
            <button type="button" className="button button--secondary" disabled={sendReview.isPending} onClick={() => sendReview.mutate('returned')}>
              {t('review.return')}
            </button>
          </div>
          {sendReview.isError && <ErrorNotice error={sendReview.error} />}
        </section>
      )}
      {lastDone === 'reviewed' && <p role="status">{t('review.done')}</p>}

      {a.submissions.length > 0 && (
        <section className="card" aria-labelledby="quality-submissions-title">
          <h2 id="quality-submissions-title">{t('submissions.title')}</h2>
          <ol className="plain-list quality-submissions">
            {a.submissions.map((s) => (
              <li key={s.id}>
                <strong>{t('submissions.item', { n: s.n, date: formatDate(s.submittedAt.slice(0, 10), lang) })}</strong>
                <br />
                {s.review ? (
                  <>
                    {t('submissions.reviewed', {
                      verdict: t(`status.${s.review.verdict}`),
                      name: s.review.reviewer,
                      date: formatDate(s.review.reviewedAt.slice(0, 10), lang),
                    })}
                    {s.review.comment && <q className="quality-quote">{s.review.comment}</q>}
                    {s.review.comments.length > 0 && (
                      <ul>
                        {s.review.comments.map((c) => (
                          <li key={c.criterion}>
                            {titleOf(c.criterion)}: <q>{c.comment}</q>
                          </li>
                        ))}
                      </ul>
                    )}
                  </>
                ) : (
                  <span className="muted">{t('submissions.waiting')}</span>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

/** What the server takes as a criterion's links (contracts/quality.ts answerInput): at most 10, each an http(s) address of at most 1000 characters. */
const MAX_LINKS = 10;
function linksFit(text: string): boolean {
  const lines = text
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
  return (
    lines.length <= MAX_LINKS &&
    lines.every((l) => {
      if (l.length > 1000) return false;
      try {
        const u = new URL(l);
        return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
      } catch {
        return false;
      }
    })
  );
}

function CriterionBlock(p: {
  c: Criterion;
  a: Assessment;
  ev: Evidence | null;
  answer: DraftAnswer;
  files: Map<string, FileMeta>;
  linksText: string;
  reviewerComment: string | undefined;
  missing: boolean;
  badLinks: boolean;
  onPatch: (x: Partial<DraftAnswer>) => void;
  onLinks: (s: string) => void;
  onUpload: (f: File) => void;
  uploading: boolean;
  reviewText: string;
  onReviewText: (s: string) => void;
}) {
  const { t, i18n } = useTranslation('quality');
  const id = useId();
  const { c, a, answer } = p;
  const title = localised(c.title, i18n.language);
  const attached = answer.fileIds.map((f) => p.files.get(f)).filter((f) => f !== undefined);
  return (
    <fieldset className={`quality-criterion${p.missing ? ' quality-criterion--missing' : ''}`} aria-describedby={p.missing ? `${id}-missing` : undefined}>
      <legend>{title}</legend>
      <EvidenceChips keys={c.evidence} ev={p.ev} />
      {p.reviewerComment && (
        <p className="quality-reviewer">
          <strong>{t('review.reviewerSays')}:</strong> {p.reviewerComment}
        </p>
      )}
      {a.mayEdit ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-level`}>{t('form.level')}</label>
            <select id={`${id}-level`} value={answer.level ?? ''} onChange={(e) => p.onPatch({ level: (e.target.value || null) as Level | null })}>
              <option value="">{t('form.noLevel')}</option>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`level.${l}`)}
                </option>
              ))}
            </select>
            {p.missing && (
              <span id={`${id}-missing`} className="field__error">
                {t('form.noLevel')}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-comment`}>{t('form.comment')}</label>
            <textarea id={`${id}-comment`} rows={2} maxLength={4000} value={answer.comment} onChange={(e) => p.onPatch({ comment: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-evidence`}>{t('form.evidence')}</label>
            <textarea id={`${id}-evidence`} rows={2} maxLength={4000} value={answer.evidence} onChange={(e) => p.onPatch({ evidence: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-links`}>{t('form.links')}</label>
            <textarea
              id={`${id}-links`}
              rows={2}
              inputMode="url"
              value={p.linksText}
              onChange={(e) => p.onLinks(e.target.value)}
              aria-invalid={p.badLinks || undefined}
              aria-describedby={p.badLinks ? `${id}-links-error` : undefined}
            />
            {p.badLinks && (
              <span id={`${id}-links-error`} className="field__error">
                {t('form.badLinksField')}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('form.addFile')}</label>
            <FileInput id={`${id}-file`} showChosen={false} resetAfterChoice disabled={p.uploading} onFiles={(fs) => fs[0] && p.onUpload(fs[0])} />
            {p.uploading && <span role="status">{t('form.uploading')}</span>}
            {attached.length > 0 && (
              <ul className="plain-list">
                {attached.map((f) => (
                  <li key={f.id}>
                    {a.id !== null ? <a href={fileUrl(a.id, f.id)}>{f.name}</a> : f.name}{' '}
                    <button
                      type="button"
                      className="button button--secondary quality-remove"
                      aria-label={t('form.removeFile', { name: f.name })}
                      onClick={() => p.onPatch({ fileIds: answer.fileIds.filter((x) => x !== f.id) })}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      ) : (
        <dl className="quality-answer">
          <dt>{t('form.level')}</dt>
          <dd>{answer.level ? t(`level.${answer.level}`) : t('form.noLevel')}</dd>
          {answer.comment && (
            <>
              <dt>{t('form.comment')}</dt>
              <dd>{answer.comment}</dd>
            </>
          )}
          {answer.evidence && (
            <>
              <dt>{t('form.evidence')}</dt>
              <dd>{answer.evidence}</dd>
            </>
          )}
          {answer.links.length > 0 && (
            <>
              <dt>{t('form.links')}</dt>
              {answer.links.map((l) => (
                <dd key={l}>
                  <a href={l} rel="noopener noreferrer nofollow" target="_blank">
                    {l}
                  </a>
                </dd>
              ))}
            </>
          )}
          {attached.length > 0 && (
            <>
              <dt>{t('form.files')}</dt>
              {attached.map((f) => (
                <dd key={f.id}>{a.id !== null ? <a href={fileUrl(a.id, f.id)}>{f.name}</a> : f.name}</dd>
              ))}
            </>
          )}
        </dl>
      )}
      {a.mayReview && (
        <div className="field">
          <label htmlFor={`${id}-review`}>{t('review.criterionComment')}</label>
          <textarea id={`${id}-review`} rows={2} maxLength={4000} value={p.reviewText} onChange={(e) => p.onReviewText(e.target.value)} />
        </div>
      )}
    </fieldset>
  );
}
