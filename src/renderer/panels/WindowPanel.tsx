import { useEffect, useState, type FormEvent } from 'react';
import type { WindowCapabilities, WindowState } from '../../shared/window-types.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { useAction } from '../components/use-action.ts';
import { host, onHostEvent } from '../host/client.ts';
import {
  bringWindowToFront,
  closeInAppWebView,
  getCapabilities,
  canOpenUrl,
  openUrl,
  readClipboard,
  writeClipboard,
} from '../host/desktop.ts';
import { ComponentShowcase } from './ComponentShowcase.tsx';
import { WindowProperties } from './WindowProperties.tsx';
import { parseColour, toAarrggbb } from '../../shared/colour.ts';
import { AREAS } from '../areas.ts';
import { PlainError } from '../host/friendly-error.ts';
import { HostError } from '../../shared/errors.ts';

export function WindowPanel() {
  const [caps, setCaps] = useState<WindowCapabilities | null>(null);
  useEffect(() => {
    void getCapabilities().then(setCaps);
  }, []);
  return (
    <div className="stack">
      <WindowControls caps={caps} />
      <WindowProperties desktop={caps?.windowControls === true} />
      <ClipboardCard />
      <LinksCard />
      <ComponentShowcase />
    </div>
  );
}

function WindowControls({ caps }: { caps: WindowCapabilities | null }) {
  const [state, setState] = useState<WindowState | null>(null);
  const [bounds, setBounds] = useState({ left: '', top: '', width: '', height: '' });
  const [color, setColor] = useState('#1e2127');
  const [alpha, setAlpha] = useState('100');
  const [floating, setFloating] = useState({ area: '', width: '', height: '' });
  const { error, status, run } = useAction();
  const desktop = caps?.windowControls === true;

  useEffect(() => {
    if (!desktop) return;
    void host['window.getState']().then(setState);
    return onHostEvent('window.state', setState);
  }, [desktop]);

  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
  const onBounds = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setState(
        await host['window.setBounds']({
          left: num(bounds.left),
          top: num(bounds.top),
          width: num(bounds.width),
          height: num(bounds.height),
        }),
      );
    });
  };

  return (
    <section aria-labelledby="window-heading" className="card">
      <h2 id="window-heading">Window</h2>
      {caps && !desktop && (
        <p className="notice" role="note" id="window-web-hint">
          In a browser a page cannot move, resize, pin or float its window, so those controls are off here;
          the desktop app has them. Bring to front, the clipboard and links use the browser&apos;s own
          features.
        </p>
      )}
      <div className="row">
        <button
          type="button"
          onClick={() => void run(async () => (await bringWindowToFront(), 'Brought to the front'))}
        >
          Bring to front
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!desktop}
          aria-describedby={desktop ? undefined : 'window-web-hint'}
          onClick={() => void run(() => host['window.minimize']())}
        >
          Minimise
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!desktop}
          aria-describedby={desktop ? undefined : 'window-web-hint'}
          onClick={() => void run(async () => void setState(await host['window.toggleMaximize']()))}
        >
          Maximise or restore
        </button>
        <button
          type="button"
          className="danger"
          disabled={!desktop}
          aria-describedby={desktop ? undefined : 'window-web-hint'}
          onClick={() => void run(() => host['window.close']())}
        >
          Close window
        </button>
      </div>
      <div className="row">
        <label className="check">
          <input
            type="checkbox"
            disabled={!desktop}
            aria-describedby={desktop ? undefined : 'window-web-hint'}
            checked={state?.alwaysOnTop ?? false}
            onChange={(e) =>
              void run(async () => void setState(await host['window.setAlwaysOnTop'](e.target.checked)))
            }
          />
          Always on top
        </label>
        <label>
          Background colour
          <input
            type="color"
            value={color}
            disabled={!desktop}
            aria-describedby={desktop ? undefined : 'window-web-hint'}
            onChange={(e) => setColor(e.target.value)}
          />
        </label>
        <label>
          Background opacity
          <input
            type="range"
            min={0}
            max={100}
            value={alpha}
            aria-valuetext={`${alpha} %`}
            disabled={!desktop}
            aria-describedby={desktop ? undefined : 'window-web-hint'}
            onChange={(e) => setAlpha(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="secondary"
          disabled={!desktop}
          aria-describedby={desktop ? undefined : 'window-web-hint'}
          onClick={() =>
            void run(
              async () => void setState(await host['window.setBackgroundColor'](withAlpha(color, alpha))),
            )
          }
        >
          Apply background
        </button>
      </div>
      <div className="row">
        <label>
          Floating window shows
          <select
            value={floating.area}
            disabled={!desktop}
            aria-describedby={desktop ? undefined : 'window-web-hint'}
            onChange={(e) => setFloating({ ...floating, area: e.target.value })}
          >
            <option value="">The floating button</option>
            {AREAS.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        {(['width', 'height'] as const).map((k) => (
          <label key={k}>
            {k === 'width' ? 'Floating width' : 'Floating height'}
            <input
              inputMode="numeric"
              size={5}
              disabled={!desktop}
              aria-describedby={desktop ? undefined : 'window-web-hint'}
              value={floating[k]}
              onChange={(e) => setFloating({ ...floating, [k]: e.target.value })}
            />
          </label>
        ))}
        <button
          type="button"
          disabled={!desktop}
          aria-describedby={desktop ? undefined : 'window-web-hint'}
          onClick={() =>
            void run(() =>
              host['window.openFloating']({
                left: num(bounds.left),
                top: num(bounds.top),
                width: num(floating.width),
                height: num(floating.height),
                area: floating.area || undefined,
              }),
            )
          }
        >
          Open the floating window
        </button>
      </div>
      <form className="entry-form" onSubmit={onBounds} aria-label="Window position and size">
        {(['left', 'top', 'width', 'height'] as const).map((k) => (
          <label key={k}>
            {k[0]!.toUpperCase() + k.slice(1)}
            <input
              inputMode="numeric"
              size={6}
              disabled={!desktop}
              aria-describedby={desktop ? undefined : 'window-web-hint'}
              value={bounds[k]}
              onChange={(e) => setBounds({ ...bounds, [k]: e.target.value })}
            />
          </label>
        ))}
        <button
          type="submit"
          className="secondary"
          disabled={!desktop}
          aria-describedby={desktop ? undefined : 'window-web-hint'}
        >
          Move and resize
        </button>
      </form>
      {state && <h3 className="visually-hidden">Window state</h3>}
      {state && (
        <dl className="facts">
          <dt>Focused</dt>
          <dd>{state.focused ? 'yes' : 'no'}</dd>
          <dt>Maximised</dt>
          <dd>{state.maximized ? 'yes' : 'no'}</dd>
          <dt>Minimised</dt>
          <dd>{state.minimized ? 'yes' : 'no'}</dd>
          <dt>Always on top</dt>
          <dd>{state.alwaysOnTop ? 'yes' : 'no'}</dd>
          <dt>Background</dt>
          <dd>{state.backgroundColor}</dd>
          <dt>Opacity</dt>
          <dd>{state.opacity}</dd>
          <dt>Full screen</dt>
          <dd>{state.fullScreen ? 'yes' : 'no'}</dd>
          <dt>Frameless</dt>
          <dd>{state.frameless ? 'yes' : 'no'}</dd>
          <dt>Position and size</dt>
          <dd>
            {state.bounds.left}, {state.bounds.top} · {state.bounds.width} × {state.bounds.height}
          </dd>
        </dl>
      )}
      <p role="status" className="status">
        {status}
      </p>
      <ErrorNote message={error} />
    </section>
  );
}

/** The colour picker's #rrggbb with the opacity slider's alpha in front: Flet's #aarrggbb. */
export function withAlpha(rrggbb: string, percent: string): string {
  const parsed = parseColour(rrggbb);
  if (!parsed.ok) return rrggbb; // the host says what is wrong with it
  return toAarrggbb({
    ...parsed.colour,
    a: Math.round((Math.min(100, Math.max(0, Number(percent) || 0)) / 100) * 255),
  });
}

function ClipboardCard() {
  const [text, setText] = useState('');
  const [read, setRead] = useState<string | null>(null);
  const { error, status, run } = useAction();
  return (
    <section aria-labelledby="clipboard-heading" className="card">
      <h2 id="clipboard-heading">Clipboard</h2>
      <div className="row">
        <label>
          Clipboard text
          <input value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button
          type="button"
          onClick={() => void run(async () => (await writeClipboard(text), 'Copied to the clipboard'))}
        >
          Copy to clipboard
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void run(async () => {
              setRead(null);
              try {
                setRead(await readClipboard());
              } catch (e) {
                if (e instanceof HostError) throw e; // the desktop app's host says it in its own words
                // The browser's own words ("Failed to execute 'readText' on 'Clipboard': …") go under the detail.
                throw new PlainError(
                  'The browser did not let this page read the clipboard. Allow clipboard access for this site in the browser, or paste the text into a field with Ctrl+V (⌘V on a Mac).',
                  e instanceof Error ? e.message : String(e),
                );
              }
            })
          }
        >
          Read clipboard
        </button>
      </div>
      {read !== null && (
        <p>
          Clipboard contains: <output aria-label="Clipboard contents">{read}</output>
        </p>
      )}
      <p role="status" className="status">
        {status}
      </p>
      <ErrorNote message={error} />
    </section>
  );
}

function LinksCard() {
  const [url, setUrl] = useState('https://example.com/');
  const [popup, setPopup] = useState(true);
  const [name, setName] = useState('docs');
  const [size, setSize] = useState({ width: '640', height: '480' });
  const { error, status, run } = useAction();
  return (
    <section aria-labelledby="links-heading" className="card">
      <h2 id="links-heading">Links</h2>
      <p className="hint">
        Flet&apos;s launch_url: http, https, mailto (subject, body, cc and bcc only), tel and sms links, at
        most 10 a minute.
      </p>
      <div className="entry-form">
        <label>
          Link
          <input value={url} onChange={(e) => setUrl(e.target.value)} size={36} />
        </label>
        <label className="check">
          <input type="checkbox" checked={popup} onChange={(e) => setPopup(e.target.checked)} />
          In-app popup
        </label>
        <label>
          Window name
          <input value={name} onChange={(e) => setName(e.target.value)} size={10} />
        </label>
        <label>
          Popup width
          <input
            inputMode="numeric"
            size={5}
            value={size.width}
            onChange={(e) => setSize({ ...size, width: e.target.value })}
          />
        </label>
        <label>
          Popup height
          <input
            inputMode="numeric"
            size={5}
            value={size.height}
            onChange={(e) => setSize({ ...size, height: e.target.value })}
          />
        </label>
      </div>
      <div className="row">
        <button
          type="button"
          onClick={() =>
            void run(async () => {
              const typed = url.trim();
              // "example.com" is what people type; say what is missing instead of a bare refusal.
              if (!/^[a-z][a-z0-9+.-]*:/i.test(typed)) {
                throw new Error(
                  `"${typed}" has no https:// at the start. Links must begin with https://, http://, mailto:, tel: or sms: — for example https://${typed}`,
                );
              }
              const where = await openUrl(typed, {
                popup,
                target: name.trim() || '_blank',
                width: Number(size.width) || undefined,
                height: Number(size.height) || undefined,
              });
              return `Opened in ${where === 'popup' ? 'an in-app popup' : where === 'browser' ? 'the browser' : 'this tab'}`;
            })
          }
        >
          Open link
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void run(async () =>
              (await canOpenUrl(url.trim()))
                ? 'This link can be opened here'
                : 'This link cannot be opened here (not a link the app opens, or no program for it)',
            )
          }
        >
          Check link
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void run(async () =>
              (await closeInAppWebView()) ? 'Closed the in-app window' : 'No in-app window was open',
            )
          }
        >
          Close in-app window
        </button>
      </div>
      <p role="status" className="status">
        {status}
      </p>
      <ErrorNote message={error} />
    </section>
  );
}
