import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/**
 * A destructive action that asks first, inline: "Clear all 33 keys? Clear / Keep". Focus goes to Keep (the
 * safe answer) when the question appears, and back to the button when it is answered; Escape is Keep. When
 * the answer makes the button go away (nothing left to clear), the panel around it moves focus on.
 */
export function ConfirmButton(props: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);
  useEffect(() => {
    if (asking) keep.current?.focus();
    else if (answered.current) {
      answered.current = false;
      trigger.current?.focus();
    }
  }, [asking]);
  const answer = (confirm: boolean) => {
    answered.current = true;
    setAsking(false);
    if (confirm) props.onConfirm();
  };
  // Escape is Keep, on either button (focus is on one of them while the question stands).
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    answer(false);
  };
  if (asking) {
    return (
      <div className="confirm-row" role="group" aria-label={props.question}>
        <p>{props.question}</p>
        <button type="button" className="danger confirm" onClick={() => answer(true)} onKeyDown={onKeyDown}>
          {props.confirmLabel}
        </button>
        <button
          type="button"
          className="secondary"
          ref={keep}
          onClick={() => answer(false)}
          onKeyDown={onKeyDown}
        >
          Keep
        </button>
      </div>
    );
  }
  return (
    // Off by aria-disabled, not `disabled`: a button that turns off under the keyboard (Forget all, once
    // nothing is left) keeps focus instead of dropping it to the page body.
    <button
      type="button"
      className="danger"
      ref={trigger}
      aria-disabled={props.disabled ? true : undefined}
      onClick={() => {
        if (!props.disabled) setAsking(true);
      }}
    >
      {props.label}
    </button>
  );
}
