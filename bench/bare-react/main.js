// The renderer bench's baseline (bench/renderer.bench.ts): the least a React 19 page can be, with one
// interactive button named as the app's first screen names it. Plain JS (no JSX) so the Node-side
// TypeScript config, which covers bench/, has nothing to check here.
/* global document */
import { createElement, StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

function SignIn() {
  const [clicks, setClicks] = useState(0);
  return createElement(
    'button',
    { type: 'button', onClick: () => setClicks(clicks + 1) },
    'Sign in with Demo',
  );
}

createRoot(document.getElementById('root')).render(createElement(StrictMode, null, createElement(SignIn)));
