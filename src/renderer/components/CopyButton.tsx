import { useState } from 'react';

/** Copies text with the browser clipboard and says whether it worked. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [note, setNote] = useState('');
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          void navigator.clipboard.writeText(text).then(
            () => setNote('Copied'),
            () => setNote('Could not copy; select the text and copy it by hand'),
          )
        }
      >
        {label}
      </button>
      <span role="status" className="status inline">
        {note}
      </span>
    </>
  );
}
