import { afterEach } from 'vitest';
import { createHost, type Host, type HostOptions } from '../../src/main/host.ts';
import { tempDir } from './temp-dir.ts';

const open: Host[] = [];

// Registered when a test file imports this helper, at the top level of that file.
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

/** A real host on a fresh data directory, closed after the test (files, demo provider and all). */
export async function testHost(options: Partial<HostOptions> = {}): Promise<Host> {
  const host = await createHost({
    transport: 'web',
    version: '0.0.0-test',
    dataDir: tempDir(),
    log: { warn() {}, error() {} },
    ...options,
  });
  open.push(host);
  return host;
}
