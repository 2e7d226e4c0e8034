import { host } from '../host/client.ts';

/** The floating window's content (Flet's "I'm a floating button!"): drag it by its body. */
export function FloatingButton() {
  return (
    <div className="floating">
      <span className="floating-drag">I&apos;m a floating button!</span>
      <button type="button" className="floating-back" onClick={() => void host['window.closeFloating']()}>
        Back to the main window
      </button>
    </div>
  );
}
