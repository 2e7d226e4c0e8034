import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadNextArea } from './App.tsx';
import { FloatingButton } from './components/FloatingButton.tsx';
import { FloatingArea, floatingAreaOf } from './panels/FloatingArea.tsx';
import { askEarly } from './host/early-answers.ts';
import { guardWindowOpen } from './host/open-guard.ts';
import './styles.css';

// Before anything else runs: page script opens no windows; the app opens them itself (open-guard.ts).
guardWindowOpen(window);

const root = document.getElementById('root');
// The floating window loads the same page with #floating (the floating button) or #floating/<area> (that area).
const floatingArea = floatingAreaOf(window.location.hash);
const floating = window.location.hash === '#floating' || floatingArea !== null;
if (floating) document.documentElement.classList.add('floating-window');
if (root) {
  const render = () =>
    createRoot(root).render(
      <StrictMode>
        {floatingArea ? <FloatingArea area={floatingArea} /> : floating ? <FloatingButton /> : <App />}
      </StrictMode>,
    );
  // The first render shows the Sign-in area's providers, asked for before it (early-answers.ts). The next
  // tab's chunk comes meanwhile, so a tab picked as soon as the page is up opens without "Loading…".
  if (floating) render();
  else {
    const early = askEarly();
    preloadNextArea();
    void early.then(render);
  }
}
