import { useEffect, useId, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateField, joinDateTime, parseDate, parseTime, splitDateTime } from './datetime.js';

/**
 * Form controls that speak the app's language, not the browser's: the native file, date and time
 * inputs draw their own words and formats from the browser's locale ("Choose Files", "mm/dd/yyyy",
 * "08:00 PM" on a Kazakh screen). Each keeps the caller's `<label htmlFor={id}>` as its one label,
 * so `getByLabel(…)` and screen readers find it as before.
 */

const joinIds = (...ids: (string | false | null | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

export interface FileInputProps {
  id: string;
  accept?: string;
  multiple?: boolean;
  capture?: 'user' | 'environment';
  required?: boolean;
  disabled?: boolean;
  /** the chosen files (an empty list when the choice is cleared) */
  onFiles?: (files: File[]) => void;
  /** for forms that read `input.files` on submit */
  inputRef?: Ref<HTMLInputElement>;
  /** show the chosen names next to the button (off where the caller lists uploads itself) */
  showChosen?: boolean;
  /** empty the input after each choice, so the same file can be chosen again */
  resetAfterChoice?: boolean;
  'aria-describedby'?: string;
}

/**
 * A file picker: a button in the app's language and the chosen file names. The native input stays
 * (visually hidden, focusable, labelled by the caller's label): keyboard and screen-reader users
 * reach it as any file input, and a focus ring shows on the button.
 */
export function FileInput({
  id,
  accept,
  multiple,
  capture,
  required,
  disabled,
  onFiles,
  inputRef,
  showChosen = true,
  resetAfterChoice,
  ...aria
}: FileInputProps) {
  const { t } = useTranslation('common');
  const own = useRef<HTMLInputElement | null>(null);
  const [names, setNames] = useState<string[]>([]);
  const setRef = (el: HTMLInputElement | null) => {
    own.current = el;
    if (typeof inputRef === 'function') inputRef(el);
    else if (inputRef) (inputRef as { current: HTMLInputElement | null }).current = el;
  };
  const chosenId = `${id}-chosen`;
  return (
    <div className="file-input">
      <input
        id={id}
        ref={setRef}
        type="file"
        className="visually-hidden file-input__native"
        accept={accept}
        multiple={multiple}
        capture={capture}
        required={required}
        disabled={disabled}
        aria-describedby={joinIds(aria['aria-describedby'], showChosen && chosenId)}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          setNames(files.map((f) => f.name));
          onFiles?.(files);
          if (resetAfterChoice) e.target.value = '';
        }}
      />
      <span
        className="button button--secondary file-input__button"
        aria-hidden="true"
        onClick={() => {
          if (!disabled) own.current?.click();
        }}
      >
        {multiple ? t('controls.chooseFiles') : t('controls.chooseFile')}
      </span>
      {showChosen && (
        <span id={chosenId} className="file-input__chosen" aria-live="polite">
          {names.length ? names.join(', ') : t('controls.noFile')}
        </span>
      )}
    </div>
  );
}

export interface DateInputProps {
  id: string;
  /** 'YYYY-MM-DD' or '' */
  value: string;
  /** 'YYYY-MM-DD', or '' while the text is empty or not a date */
  onChange: (value: string) => void;
  required?: boolean;
  disabled?: boolean;
  min?: string;
  max?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** Shows what was typed while it is typed, and the problem after the field is left. */
function useTypedValue(value: string, parse: (s: string) => string | null, show: (v: string) => string) {
  const [text, setText] = useState(() => show(value));
  const [left, setLeft] = useState(false);
  // the value changed from outside (a reset, a loaded record): show it
  useEffect(() => {
    setText((current) => (parse(current) === value || (value === '' && parse(current) === null) ? current : show(value)));
  }, [value, parse, show]);
  return { text, setText, left, setLeft };
}

const showTime = (v: string) => v;

interface TypedFieldProps {
  id: string;
  /** what the field holds and shows: 'YYYY-MM-DD' for a date, 'HH:MM' for a time */
  value: string;
  onChange: (value: string) => void;
  parse: (text: string) => string | null;
  show: (value: string) => string;
  /** the sentence for a parsed value that is not allowed ('' when it is) */
  outOfRange?: (value: string) => string;
  badText: string;
  placeholder: string;
  hint: string;
  className: string;
  required?: boolean;
  disabled?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
}

/**
 * A value typed as text in the app's language (the native date and time pickers follow the
 * browser's): what is typed stays while it is typed, the value goes out parsed (or '' while it does
 * not parse), the problem shows once the field is left, and the browser's form check refuses it with
 * that sentence.
 */
function TypedField({ id, value, onChange, parse, show, outOfRange, badText, placeholder, hint, className, required, disabled, ...aria }: TypedFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const { text, setText, left, setLeft } = useTypedValue(value, parse, show);
  const parsed = parse(text);
  const problem = text.trim() && !parsed ? badText : parsed && outOfRange ? outOfRange(parsed) : '';
  useEffect(() => input.current?.setCustomValidity(problem), [problem]);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const shown = left && problem;
  return (
    <>
      <input
        id={id}
        ref={input}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className={className}
        value={text}
        required={required}
        disabled={disabled}
        placeholder={placeholder}
        aria-label={aria['aria-label']}
        aria-invalid={aria['aria-invalid'] || (shown ? true : undefined)}
        aria-describedby={joinIds(aria['aria-describedby'], shown ? errorId : hintId)}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parse(e.target.value) ?? '');
        }}
        onBlur={() => {
          setLeft(true);
          if (parsed) setText(show(parsed));
        }}
      />
      <span id={hintId} className="visually-hidden">
        {hint}
      </span>
      {shown && (
        <p id={errorId} className="field__error">
          {problem}
        </p>
      )}
    </>
  );
}

/**
 * A date typed as day.month.year (dd.mm.yyyy in all three languages), with the format as the
 * placeholder and a spoken hint; ISO typed in works too. The browser's form check refuses a text
 * that is not a date, or one outside `min`/`max`, with a sentence in the app's language.
 */
export function DateInput({ min, max, ...props }: DateInputProps) {
  const { t } = useTranslation('common');
  const outOfRange = (v: string) =>
    min && v < min ? t('controls.tooEarly', { date: formatDateField(min) }) : max && v > max ? t('controls.tooLate', { date: formatDateField(max) }) : '';
  return (
    <TypedField
      {...props}
      parse={parseDate}
      show={formatDateField}
      outOfRange={outOfRange}
      badText={t('controls.badDate')}
      placeholder={t('controls.datePlaceholder')}
      hint={t('controls.dateHint')}
      className="date-input"
    />
  );
}

export interface TimeInputProps {
  id: string;
  /** 'HH:MM' or '' */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  disabled?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  /** a label when the visible one belongs to another control (the date of a date and time) */
  'aria-label'?: string;
}

/** A time on a 24-hour clock, typed ("8:05", "0805", "8.05 pm" are understood). */
export function TimeInput(props: TimeInputProps) {
  const { t } = useTranslation('common');
  return (
    <TypedField
      {...props}
      parse={parseTime}
      show={showTime}
      badText={t('controls.badTime')}
      placeholder={t('controls.timePlaceholder')}
      hint={t('controls.timeHint')}
      className="time-input"
    />
  );
}

/**
 * A date and a time side by side, for a `datetime-local` value ('YYYY-MM-DDTHH:MM', '' until
 * both are there). The caller's label names the date; the time carries its own spoken label.
 */
export function DateTimeInput({
  id,
  value,
  onChange,
  required,
  disabled,
  min,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  disabled?: boolean;
  min?: string;
}) {
  const { t } = useTranslation('common');
  const parts = splitDateTime(value);
  const [date, setDate] = useState(parts.date);
  const [time, setTime] = useState(parts.time);
  const timeId = useId();
  // a value set from outside (a loaded record) shows; '' (a part still missing) keeps what is typed
  useEffect(() => {
    if (!value) return;
    const p = splitDateTime(value);
    setDate(p.date);
    setTime(p.time);
  }, [value]);
  return (
    <div className="datetime-input">
      <span>
        <DateInput
          id={id}
          value={date}
          required={required}
          disabled={disabled}
          min={min?.slice(0, 10)}
          onChange={(d) => {
            setDate(d);
            onChange(joinDateTime(d, time));
          }}
        />
      </span>
      <span>
        <TimeInput
          id={timeId}
          value={time}
          required={required}
          disabled={disabled}
          aria-label={t('controls.time')}
          onChange={(tm) => {
            setTime(tm);
            onChange(joinDateTime(date, tm));
          }}
        />
      </span>
    </div>
  );
}
