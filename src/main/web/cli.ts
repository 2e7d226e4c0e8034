/** `npm run web`: the host under plain Node, serving the built renderer on 127.0.0.1. */
import { runWebHost } from './run.ts';

// Nothing from the environment reaches the host's clock or any other seam: what a user's shell sets
// cannot shift token expiry.
runWebHost(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error('latchkey web: failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
