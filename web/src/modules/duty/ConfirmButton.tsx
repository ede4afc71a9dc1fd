import { useEffect, useRef, useState } from 'react';

/**
 * A button for an action that is hard to undo (withdraw, close, reshuffle): the first press asks,
 * in words next to the button, and only "yes" acts. Works the same with a keyboard, a screen reader
 * and a thumb, unlike a browser confirm() that some WebViews block.
 */
export function ConfirmButton({
  label,
  question,
  yes,
  no,
  onConfirm,
  busy,
  className = 'button button--secondary',
}: {
  label: string;
  question: string;
  yes: string;
  no: string;
  onConfirm: () => void;
  busy?: boolean;
  className?: string;
}) {
  const [asking, setAsking] = useState(false);
  const yesRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) yesRef.current?.focus();
    if (!asking && wasAsking.current) askRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button ref={askRef} type="button" className={className} onClick={() => setAsking(true)} disabled={busy}>
        {label}
      </button>
    );
  }
  return (
    <div className="fd-confirm" role="group" aria-label={label}>
      <p className="fd-confirm__question">{question}</p>
      <div className="fd-actions">
        <button
          ref={yesRef}
          type="button"
          className="button"
          disabled={busy}
          onClick={() => {
            onConfirm();
            setAsking(false);
          }}
        >
          {yes}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
          {no}
        </button>
      </div>
    </div>
  );
}
