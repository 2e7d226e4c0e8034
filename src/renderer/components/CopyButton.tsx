import { useState } from 'react';
import { writeClipboard } from '../host/desktop.ts';

/**
 * Copies text and says whether it worked: through the host in the desktop app (Electron denies the page's
 * own clipboard writes, which need a permission the app never grants), with the browser's clipboard in web mode.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [note, setNote] = useState('');
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          void writeClipboard(text).then(
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
