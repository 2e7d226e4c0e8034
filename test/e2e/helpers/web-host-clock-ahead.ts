/**
 * Test-only web mode whose host clock runs ahead, for tests of token expiry:
 *
 *   node test/e2e/helpers/web-host-clock-ahead.ts <milliseconds> <web mode arguments…>
 *
 * The shipped entry (src/main/web/cli.ts, bundled as out/main/web.js) has no way to shift its clock; this one
 * hands the same web mode an injected clock.
 */
import { runWebHost } from '../../../src/main/web/run.ts';

const [ahead = '', ...args] = process.argv.slice(2);
const ms = Number(ahead);
if (ahead === '' || !Number.isSafeInteger(ms)) {
  console.error('usage: web-host-clock-ahead.ts <milliseconds> <web mode arguments…>');
  process.exit(2);
}
runWebHost(args, { now: () => Date.now() + ms }).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error('latchkey web (clock ahead): failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
