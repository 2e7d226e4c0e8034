import { useEffect, useState, type FormEvent } from 'react';
import type { WindowEventType, WindowProps, WindowState } from '../../shared/window-types.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { useAction } from '../components/use-action.ts';
import { host, onHostEvent } from '../host/client.ts';
import { PlainError } from '../host/friendly-error.ts';

type Flag =
  | 'resizable'
  | 'fullScreen'
  | 'preventClose'
  | 'skipTaskBar'
  | 'frameless'
  | 'titleBarHidden'
  | 'transparent';
type Limit = 'minWidth' | 'minHeight' | 'maxWidth' | 'maxHeight';

/** The checkboxes, by the name a person (and a test) finds them with. */
const FLAGS: ReadonlyArray<[Flag, string]> = [
  ['resizable', 'Resizable'],
  ['fullScreen', 'Full screen'],
  ['preventClose', 'Prevent close'],
  ['skipTaskBar', 'Skip taskbar'],
  ['frameless', 'Frameless'],
  ['titleBarHidden', 'Hide title bar'],
  ['transparent', 'Transparent'],
];
const LIMITS: ReadonlyArray<[Limit, string]> = [
  ['minWidth', 'Minimum width'],
  ['minHeight', 'Minimum height'],
  ['maxWidth', 'Maximum width'],
  ['maxHeight', 'Maximum height'],
];

interface Form {
  opacity: string;
  progressBar: string;
  limits: Record<Limit, string>;
  flags: Record<Flag, boolean>;
}

function formOf(s: WindowState): Form {
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    opacity: String(s.opacity),
    progressBar: text(s.progressBar),
    limits: {
      minWidth: text(s.minWidth),
      minHeight: text(s.minHeight),
      maxWidth: text(s.maxWidth),
      maxHeight: text(s.maxHeight),
    },
    flags: {
      resizable: s.resizable,
      fullScreen: s.fullScreen,
      preventClose: s.preventClose,
      skipTaskBar: s.skipTaskBar,
      frameless: s.frameless,
      titleBarHidden: s.titleBarHidden,
      transparent: s.transparent,
    },
  };
}

const EMPTY: Form = {
  opacity: '1',
  progressBar: '',
  limits: { minWidth: '', minHeight: '', maxWidth: '', maxHeight: '' },
  flags: {
    resizable: true,
    fullScreen: false,
    preventClose: false,
    skipTaskBar: false,
    frameless: false,
    titleBarHidden: false,
    transparent: false,
  },
};

/** An empty field is "none"; anything else goes to the host as a number, which says what is wrong with it. */
const numberOrNull = (v: string) => (v.trim() === '' ? null : Number(v));

/** The props the form stands for: every field, so what is shown is what the window gets. */
export function propsOf(form: Form): WindowProps {
  return {
    ...(form.opacity.trim() === '' ? {} : { opacity: Number(form.opacity) }),
    progressBar: numberOrNull(form.progressBar),
    minWidth: numberOrNull(form.limits.minWidth),
    minHeight: numberOrNull(form.limits.minHeight),
    maxWidth: numberOrNull(form.limits.maxWidth),
    maxHeight: numberOrNull(form.limits.maxHeight),
    ...form.flags,
  };
}

/**
 * Flet's `page.window` properties (opacity, size limits, resizable, full screen, prevent close, skip taskbar,
 * progress, frameless, hidden title bar, transparent), its `center()`, its events, and the close request that
 * `preventClose` turns a close into. In a browser the host cannot do these: the controls are off.
 */
export function WindowProperties({ desktop }: { desktop: boolean }) {
  const [form, setForm] = useState<Form>(EMPTY);
  const [lastEvent, setLastEvent] = useState<WindowEventType | null>(null);
  const [closeAsked, setCloseAsked] = useState(false);
  const { error, status, run } = useAction();
  const off = desktop ? {} : { disabled: true, 'aria-describedby': 'window-web-hint' };
  // In a browser the host cannot do full screen, but the page can (the Fullscreen API, after a click).
  const [pageFullScreen, setPageFullScreen] = useState(false);
  useEffect(() => {
    if (desktop) return;
    const changed = () => setPageFullScreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, [desktop]);
  const togglePageFullScreen = (on: boolean) =>
    void run(async () => {
      try {
        if (on) await document.documentElement.requestFullscreen();
        else if (document.fullscreenElement) await document.exitFullscreen();
      } catch (e) {
        throw new PlainError(
          'The browser did not let this page go full screen. Press F11 (Ctrl+Cmd+F on a Mac) instead.',
          e instanceof Error ? e.message : String(e),
        );
      }
      return on ? 'Full screen (Esc leaves it)' : 'Left full screen';
    });

  useEffect(() => {
    if (!desktop) return;
    void host['window.getState']().then((s) => setForm(formOf(s)));
    const offEvent = onHostEvent('window.event', ({ type }) => setLastEvent(type));
    const offClose = onHostEvent('window.closeRequested', () => setCloseAsked(true));
    return () => {
      offEvent();
      offClose();
    };
  }, [desktop]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setForm(formOf(await host['window.update'](propsOf(form))));
      return 'Window properties applied';
    });
  };

  return (
    <section aria-labelledby="window-props-heading" className="card">
      <h2 id="window-props-heading">Window properties</h2>
      <p className="hint">
        Frameless, Hide title bar and Transparent make a new window in the same place: the page loads again on
        this area, with its session storage kept.
      </p>
      {!desktop && (
        <p className="hint" id="window-props-page-full-screen">
          In a browser, Full screen is the browser&apos;s own full screen, asked for by this page; the other
          properties are the desktop app&apos;s.
        </p>
      )}
      <form className="entry-form" onSubmit={onSubmit} aria-label="Window properties">
        <label>
          Window opacity
          <input
            type="number"
            min={0}
            max={1}
            step="any"
            size={5}
            value={form.opacity}
            onChange={(e) => setForm({ ...form, opacity: e.target.value })}
            {...off}
          />
        </label>
        {LIMITS.map(([key, label]) => (
          <label key={key}>
            {label}
            <input
              inputMode="numeric"
              size={6}
              placeholder="none"
              value={form.limits[key]}
              onChange={(e) => setForm({ ...form, limits: { ...form.limits, [key]: e.target.value } })}
              {...off}
            />
          </label>
        ))}
        <label>
          Taskbar progress
          <input
            inputMode="decimal"
            size={5}
            placeholder="none"
            value={form.progressBar}
            onChange={(e) => setForm({ ...form, progressBar: e.target.value })}
            {...off}
          />
        </label>
        {FLAGS.map(([key, label]) =>
          key === 'fullScreen' && !desktop ? (
            <label key={key} className="check">
              <input
                type="checkbox"
                id="window-props-full-screen"
                checked={pageFullScreen}
                aria-describedby="window-props-page-full-screen"
                onChange={(e) => togglePageFullScreen(e.target.checked)}
              />
              {label}
            </label>
          ) : (
            <label key={key} className="check">
              <input
                type="checkbox"
                checked={form.flags[key]}
                onChange={(e) => setForm({ ...form, flags: { ...form.flags, [key]: e.target.checked } })}
                {...off}
              />
              {label}
            </label>
          ),
        )}
        <button type="submit" {...off}>
          Apply window properties
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void run(async () => (await host['window.center'](), 'Centred on the screen'))}
          {...off}
        >
          Centre window
        </button>
      </form>
      {closeAsked && (
        <div role="group" aria-label="Close this window?" className="row">
          <span>The window was asked to close (Prevent close is on).</span>
          <button type="button" className="danger" onClick={() => void run(() => host['window.close']())}>
            Close it
          </button>
          <button type="button" className="secondary" onClick={() => setCloseAsked(false)}>
            Keep it open
          </button>
        </div>
      )}
      {lastEvent && (
        <p>
          Last window event: <output aria-label="Last window event">{lastEvent}</output>
        </p>
      )}
      <p role="status" className="status">
        {status}
      </p>
      <ErrorNote message={error} />
    </section>
  );
}
