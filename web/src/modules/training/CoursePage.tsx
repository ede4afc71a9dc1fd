import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatDate, formatNumber, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { certificateUrl, coursePageQuery, markModuleRead, submitAttempt, type AttemptResult, type CoursePage as Page } from './api.js';
import './training.css';

type Module = Page['modules'][number];

function Material({ m }: { m: Module['materials'][number] }) {
  const { t, i18n } = useTranslation('training');
  const lang = i18n.language;
  switch (m.kind) {
    case 'text':
      return (
        <div className="training-text">
          {localised(m.body, lang)
            .split(/\n{2,}/)
            .map((p, i) => (
              <p key={i}>{p}</p>
            ))}
        </div>
      );
    case 'link':
      return (
        <p>
          <a href={m.url} target="_blank" rel="noopener noreferrer">
            {localised(m.title, lang)}
          </a>
        </p>
      );
    case 'file':
      return (
        <p>
          <a href={m.url} download>
            {t('learn.file', { name: localised(m.title, lang) })}
          </a>
        </p>
      );
    case 'video':
      return (
        <figure className="training-video">
          <figcaption>{localised(m.title, lang)}</figcaption>
          {m.mp4Url ? (
            <video controls preload="none" src={m.mp4Url} width="100%">
              <track kind="captions" />
            </video>
          ) : (
            <p className="muted">{t('learn.videoMissing')}</p>
          )}
        </figure>
      );
  }
}

function Quiz({ enrolmentId, m, done }: { enrolmentId: number; m: Module; done: boolean }) {
  const { t, i18n } = useTranslation('training');
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const quiz = m.quiz!;
  const [answers, setAnswers] = useState<number[][]>(() => quiz.questions.map(() => []));
  const [result, setResult] = useState<AttemptResult | null>(null);
  const submit = useMutation({
    mutationFn: () => submitAttempt(enrolmentId, m.id, answers),
    onSuccess: async (r) => {
      setResult(r);
      await queryClient.invalidateQueries({ queryKey: ['training'] });
    },
  });
  const choose = (qi: number, oi: number, multiple: boolean, on: boolean) =>
    setAnswers((a) => a.map((x, i) => (i !== qi ? x : multiple ? (on ? [...x, oi] : x.filter((j) => j !== oi)) : [oi])));
  const blocked = m.attemptsLeft === 0 || m.nextAttemptAt !== null;
  const last = m.attempts.at(-1);
  return (
    <section className="card training-quiz" aria-label={t('learn.quiz')}>
      <h3>{t('learn.quiz')}</h3>
      <p className="muted">
        {t('learn.passMark', { pct: formatNumber(Math.round(quiz.passMark * 100), lang) })}
        {m.attemptsLeft !== null && <> · {t('learn.attemptsLeft', { n: m.attemptsLeft })}</>}
      </p>
      {m.passed ? (
        <p role="status">
          <strong>{t('learn.passed')}</strong>
          {last && <> · {t('learn.score', { right: last.right, total: last.total })}</>}
        </p>
      ) : done ? null : (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            submit.mutate();
          }}
        >
          {quiz.questions.map((q, qi) => (
            <fieldset key={qi} className="training-question">
              <legend>
                {qi + 1}. {localised(q.text, lang)}
                {q.kind === 'multiple' && <span className="muted"> ({t('learn.several')})</span>}
              </legend>
              {q.options.map((o, oi) => (
                <label key={oi} className="training-option">
                  <input
                    type={q.kind === 'multiple' ? 'checkbox' : 'radio'}
                    name={`q-${m.id}-${qi}`}
                    checked={answers[qi]!.includes(oi)}
                    onChange={(ev) => choose(qi, oi, q.kind === 'multiple', ev.target.checked)}
                  />{' '}
                  {localised(o.text, lang)}
                </label>
              ))}
              {result && <p className={result.results[qi] ? 'training-right' : 'training-wrong'}>{result.results[qi] ? t('learn.right') : t('learn.wrong')}</p>}
            </fieldset>
          ))}
          {m.nextAttemptAt && <p className="muted">{t('learn.waitUntil', { time: new Date(m.nextAttemptAt).toLocaleString(lang) })}</p>}
          <button type="submit" className="button" disabled={submit.isPending || blocked || answers.some((a) => a.length === 0)}>
            {t('learn.submit')}
          </button>
        </form>
      )}
      {result && !result.attempt.passed && (
        <p role="status">
          {t('learn.notPassed')} · {t('learn.score', { right: result.attempt.right, total: result.attempt.total })}
        </p>
      )}
      {submit.isError && <ErrorNotice error={submit.error} />}
    </section>
  );
}

function ModuleView({ enrolmentId, m, done }: { enrolmentId: number; m: Module; done: boolean }) {
  const { t, i18n } = useTranslation('training');
  const queryClient = useQueryClient();
  const read = useMutation({
    mutationFn: () => markModuleRead(enrolmentId, m.id),
    onSuccess: (page) => queryClient.setQueryData(coursePageQuery(enrolmentId).queryKey, page),
  });
  return (
    <li className="card training-module">
      <h2>
        {m.position}. {localised(m.title, i18n.language)}
      </h2>
      {m.materials.map((x, i) => (
        <Material key={i} m={x} />
      ))}
      {m.read ? (
        <p className="muted">✓ {t('learn.read')}</p>
      ) : (
        <button type="button" className="button button--secondary" disabled={read.isPending} onClick={() => read.mutate()}>
          {t('learn.markRead')}
        </button>
      )}
      {read.isError && <ErrorNotice error={read.error} />}
      {m.quiz && <Quiz enrolmentId={enrolmentId} m={m} done={done} />}
    </li>
  );
}

/** A teacher's course built in Sabaq: modules in order, progress, quizzes marked on the server; the certificate once passed. */
export function CoursePage({ enrolmentId }: { enrolmentId: number }) {
  const { t, i18n } = useTranslation('training');
  const lang = i18n.language;
  const q = useQuery(coursePageQuery(enrolmentId));
  const title = q.data ? localised(q.data.enrolment.course.title, lang) : t('learn.title');
  useTitle(title);
  return (
    <QueryView query={q} heading={t('learn.title')}>
      {(p) => {
        const e = p.enrolment;
        const done = e.completedAt !== null;
        return (
          <>
            <p>
              <Link to="/training">← {t('myTitle')}</Link>
            </p>
            <h1>{title}</h1>
            <p className="training-progress" aria-live="polite">
              {t('learn.progress', { read: p.progress.read, total: p.progress.modules })} ·{' '}
              {t('learn.quizzes', { passed: p.progress.passedQuizzes, total: p.progress.requiredQuizzes })}
            </p>
            {done && e.certificateCode && (
              <section className="card training-check--valid" role="status">
                <p>
                  <strong>{t('completedOn', { date: formatDate(e.completedAt!.slice(0, 10), lang) })}</strong> ·{' '}
                  <a href={`/certificates/${e.certificateCode}`}>{t('code', { code: e.certificateCode })}</a>
                </p>
                {!e.withdrawnAt && (
                  <a className="button button--secondary" href={certificateUrl(e.id, lang)} download>
                    {t('certificate')}
                  </a>
                )}
              </section>
            )}
            {p.modules.length === 0 ? (
              <p>{t('learn.empty')}</p>
            ) : (
              <ol className="plain-list training-modules">
                {p.modules.map((m) => (
                  <ModuleView key={m.id} enrolmentId={e.id} m={m} done={done} />
                ))}
              </ol>
            )}
          </>
        );
      }}
    </QueryView>
  );
}
