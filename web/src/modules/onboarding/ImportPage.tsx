import { useEffect, useId, useRef, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/feedback.js';
import { formatNumber, fullName } from '../../ui/format.js';
import { IMPORT_KINDS, templateUrl, uploadImport, type ActivationCode, type ImportError, type ImportKind, type ImportReport } from './api.js';
import './onboarding.css';
import { FileInput } from '../../ui/controls.js';

const COUNT_KEYS = ['classes', 'persons', 'linkedPersons', 'accounts', 'roles', 'classMembers', 'parentLinks'] as const;

/** The translated reason of one row error: the code's sentence, the IIN detail, the row it repeats. */
function useReason() {
  const { t } = useTranslation('onboarding');
  return (e: ImportError) => {
    const parts = [t(`errors.${e.code}`)];
    if (e.code === 'onboarding.bad_iin' && e.problem && ['format', 'birth_date', 'century', 'check_digit'].includes(e.problem)) {
      parts.push(t(`import.iinProblems.${e.problem as 'format'}`));
    }
    if (e.relatedLine !== undefined) parts.push(t('import.relatedLine', { line: e.relatedLine }));
    return parts.join(' ');
  };
}

function Counts({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation('onboarding');
  const shown = COUNT_KEYS.filter((k) => report.created[k] > 0);
  if (shown.length === 0) return <p>{t('import.nothingNew')}</p>;
  return (
    <ul>
      {shown.map((k) => (
        <li key={k}>{t(`import.counts.${k}`, { n: formatNumber(report.created[k], i18n.language) })}</li>
      ))}
    </ul>
  );
}

function ErrorTable({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation('onboarding');
  const reason = useReason();
  return (
    <>
      {report.errorCount > report.errors.length && (
        <p>{t('import.errorsTruncated', { shown: formatNumber(report.errors.length, i18n.language), count: report.errorCount })}</p>
      )}
      <div className="table-wrap">
        <table className="import-errors">
          <caption className="visually-hidden">{t('import.errorsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.line')}
              </th>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e, i) => (
              <tr key={i}>
                <td className="num">{e.line}</td>
                <td className="import-errors__column">{e.column}</td>
                <td>{reason(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The activation codes as a CSV the admin can print or share: BOM and `;`, so Excel opens it in columns. */
function downloadCodes(codes: ActivationCode[], headers: string[]) {
  const rows = [headers, ...codes.map((c) => [String(c.line), `${c.lastName} ${c.firstName}`, c.iin, c.code])];
  const text = `\uFEFF${rows.map((r) => r.map((cell) => (/[;"\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(';')).join('\r\n')}\r\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'sabaq-activation-codes.csv';
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

function ActivationCodes({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation('onboarding');
  if (report.activationCodes.length === 0) return null;
  const date = report.activationExpiresAt ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(report.activationExpiresAt)) : '';
  const url = `${window.location.origin}/activate`;
  return (
    <section className="card" aria-labelledby="import-codes">
      <h2 id="import-codes">{t('import.codesTitle')}</h2>
      <p>{t('import.codesIntro', { url })}</p>
      {date && <p>{t('import.codesValid', { date })}</p>}
      <p className="notice" role="note">
        <strong>{t('import.codesOnce')}</strong>
      </p>
      <div className="import-actions">
        <button
          type="button"
          className="button"
          onClick={() => downloadCodes(report.activationCodes, [t('import.line'), t('import.name'), t('import.iin'), t('import.code')])}
        >
          {t('import.downloadCodes')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('import.print')}
        </button>
      </div>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('import.codesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.nameIin')}</th>
              <th scope="col">{t('import.code')}</th>
            </tr>
          </thead>
          <tbody>
            {report.activationCodes.map((c) => (
              <tr key={c.iin}>
                <th scope="row">
                  {fullName({ lastName: c.lastName, firstName: c.firstName, middleName: null })}
                  <br />
                  <span className="muted import-iin">{c.iin}</span>
                </th>
                <td>
                  <code className="import-code">{c.code}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * The organisation admin's import: choose what the file holds, download a template, pick the file,
 * check it (every bad row listed with its line, column and reason), then import it in one go.
 */
export default function ImportPage({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation(['onboarding', 'common']);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('people');
  const [file, setFile] = useState<File | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [report, setReport] = useState<ImportReport | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const ids = { file: useId(), fileHint: useId(), kindHint: useId() };

  const upload = useMutation({
    mutationFn: (dryRun: boolean) => uploadImport({ organisationId, kind, dryRun, file: file! }),
    onSuccess: (r) => {
      setReport(r);
      if (!r.dryRun && r.ok) {
        // classes and rosters changed: pages that show them fetch again
        void queryClient.invalidateQueries({ queryKey: ['organisations'] });
        void queryClient.invalidateQueries({ queryKey: ['classes'] });
      }
    },
  });

  // the result replaces the form's context: move keyboard and screen-reader focus to it
  useEffect(() => {
    if (report) resultHeading.current?.focus();
  }, [report]);

  const resetResult = () => {
    setReport(null);
    upload.reset();
  };
  const chooseKind = (k: ImportKind) => {
    setKind(k);
    resetResult();
  };
  const chooseFile = (files: File[]) => {
    setFile(files[0] ?? null);
    resetResult();
  };
  const startOver = () => {
    setFile(null);
    setFileInputKey((k) => k + 1);
    resetResult();
  };

  const busy = upload.isPending;
  const imported = report !== null && !report.dryRun && report.ok;
  const lang = i18n.language;

  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
          <li>
            <Link to="/organisations/$organisationId" params={{ organisationId }}>
              {t('import.back')}
            </Link>
          </li>
        </ol>
      </nav>
      <h1>{t('import.title')}</h1>
      <p className="lead">{t('import.intro')}</p>

      {!imported && (
        <form
          className="form card"
          onSubmit={(e) => {
            e.preventDefault();
            if (file && !busy) upload.mutate(true);
          }}
          noValidate
        >
          <fieldset className="import-kinds" disabled={busy}>
            <legend>{t('import.kindLegend')}</legend>
            {IMPORT_KINDS.map((k) => (
              <label key={k} className="import-kind">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => chooseKind(k)} />
                <span>
                  <span className="import-kind__name">{t(`import.kinds.${k}`)}</span>
                  <span className="field__hint">{t(`import.kindColumns.${k}`)}</span>
                </span>
              </label>
            ))}
            <p className="field__hint" id={ids.kindHint}>
              {t('import.order')}
            </p>
          </fieldset>

          <div className="field">
            <span className="import-label">{t('import.templateLabel')}</span>
            <p className="import-actions">
              <a className="button button--secondary" href={templateUrl(kind, 'xlsx', lang)} download>
                {t('import.templateXlsx')}
              </a>
              <a className="button button--secondary" href={templateUrl(kind, 'csv', lang)} download>
                {t('import.templateCsv')}
              </a>
            </p>
            <p className="field__hint">{t('import.templateHint')}</p>
          </div>

          <div className="field">
            <label htmlFor={ids.file}>{t('import.fileLabel')}</label>
            <FileInput
              key={fileInputKey}
              id={ids.file}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={ids.fileHint}
              onFiles={chooseFile}
              disabled={busy}
            />
            <p className="field__hint" id={ids.fileHint}>
              {t('import.fileHint')}
            </p>
          </div>

          <div className="import-actions">
            <button type="submit" className="button" disabled={!file || busy}>
              {busy && upload.variables === true ? t('import.checking') : t('import.check')}
            </button>
          </div>
        </form>
      )}

      {upload.isError && <ErrorNotice error={upload.error} />}

      {report && (
        <section className="card" aria-labelledby="import-result">
          {report.ok ? (
            <>
              <h2 id="import-result" ref={resultHeading} tabIndex={-1}>
                {report.dryRun ? t('import.okTitle') : t('import.doneTitle')}
              </h2>
              <p>{t(report.dryRun ? 'import.okText' : 'import.doneText', { count: report.rows })}</p>
              <Counts report={report} />
            </>
          ) : (
            <>
              <h2 id="import-result" ref={resultHeading} tabIndex={-1}>
                {t('import.errorsTitle', { count: report.errorCount })}
              </h2>
              <ErrorTable report={report} />
            </>
          )}
          {report.ignoredColumns.length > 0 && <p className="muted">{t('import.ignoredColumns', { columns: report.ignoredColumns.join(', ') })}</p>}
          <div className="import-actions">
            {report.ok && report.dryRun && (
              <button type="button" className="button" disabled={busy} onClick={() => upload.mutate(false)}>
                {busy && upload.variables === false ? t('import.applying') : t('import.apply')}
              </button>
            )}
            {imported && (
              <button type="button" className="button button--secondary" onClick={startOver}>
                {t('import.another')}
              </button>
            )}
          </div>
        </section>
      )}

      {imported && <ActivationCodes report={report} />}
    </>
  );
}
