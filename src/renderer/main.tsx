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
  // The Sign-in area's providers are on their way while React starts (early-answers.ts).
  if (!floating) askEarly();
  createRoot(root).render(
    <StrictMode>
      {floatingArea ? <FloatingArea area={floatingArea} /> : floating ? <FloatingButton /> : <App />}
    </StrictMode>,
  );
  // After render() (which only schedules the first render); App fetches the other areas once it is up.
  if (!floating) preloadNextArea();
}
