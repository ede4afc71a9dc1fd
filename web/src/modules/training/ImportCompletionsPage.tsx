import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/feedback.js';
import { useTitle } from '../../ui/useTitle.js';
import { uploadCompletions, type CompletionsImportReport } from './api.js';
import './training.css';

function Report({ report }: { report: CompletionsImportReport }) {
  const { t } = useTranslation('training');
  return (
    <section className="card" aria-live="polite">
      <h2>{report.ok ? (report.dryRun ? t('import.checkedOk') : t('import.done')) : t('import.hasErrors', { count: report.errorCount })}</h2>
      <p>
        {t('import.rows', { count: report.rows })} · {t(report.dryRun ? 'import.willComplete' : 'import.completed', { count: report.completed })} ·{' '}
        {t('import.already', { count: report.already })}
      </p>
      {report.ignoredColumns.length > 0 && <p className="muted">{t('import.ignored', { columns: report.ignoredColumns.join(', ') })}</p>}
      {report.errors.length > 0 && (
        <ul>
          {report.errors.map((e) => (
            <li key={`${e.line}-${e.column}-${e.code}`}>
              {t('import.where', { line: e.line, column: e.column })}: {t(`import.problem.${e.code}`, { line: e.duplicateOf })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The ministry imports completions from external providers (CSV/XLSX): check first, then import if every row is good. */
export function ImportCompletionsPage() {
  const { t } = useTranslation('training');
  useTitle(t('import.title'));
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({ mutationFn: (dryRun: boolean) => uploadCompletions(file!, dryRun) });
  const report = upload.data;
  return (
    <div>
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <p className="muted">
        <code>provider; teacher; course; completed on; certificate</code>
      </p>
      <form
        className="form card"
        onSubmit={(e) => {
          e.preventDefault();
          if (file && !upload.isPending) upload.mutate(true);
        }}
        noValidate
      >
        <div className="field">
          <label htmlFor="completions-file">{t('import.file')}</label>
          <input
            id="completions-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              upload.reset();
            }}
          />
        </div>
        <button type="submit" className="button" disabled={!file || upload.isPending}>
          {t('import.check')}
        </button>
      </form>
      {upload.isError && <ErrorNotice error={upload.error} />}
      {report && <Report report={report} />}
      {report?.ok && report.dryRun && report.completed > 0 && (
        <button type="button" className="button" disabled={upload.isPending} onClick={() => upload.mutate(false)}>
          {t('import.apply', { count: report.completed })}
        </button>
      )}
    </div>
  );
}
