/**
 * Updates against a local feed on 127.0.0.1, with electron-updater's own Linux updater class, its HTTP
 * executor and its sha512 check (test/helpers/update-feed.ts): found and downloaded with progress, none,
 * a tampered artefact refused, the feed down, a downgrade refused.
 */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { UpdateController } from '../../../src/main/update/update-controller.ts';
import type { UpdateState } from '../../../src/shared/update-types.ts';
import { startFeed, testUpdater, ARTEFACT, type Feed } from '../../helpers/update-feed.ts';

const feeds: Feed[] = [];
afterEach(async () => {
  for (const f of feeds.splice(0)) await f.close();
});

async function feed(version: string): Promise<Feed> {
  const f = await startFeed({ version });
  feeds.push(f);
  return f;
}

function controllerFor(appVersion: string, feedUrl: string) {
  const states: UpdateState[] = [];
  const warnings: string[] = [];
  const updater = testUpdater(appVersion, feedUrl);
  const controller = new UpdateController({
    load: async () => updater,
    onChange: (s) => states.push(s),
    log: { warn: (...a) => warnings.push(a.join(' ')), error: (...a) => warnings.push(a.join(' ')) },
  });
  return { controller, states, warnings, updater };
}

describe('updates from a generic feed', () => {
  it('finds a newer version, downloads it with progress and verifies it: ready to restart', async () => {
    const f = await feed('1.0.1');
    const { controller, states, updater } = controllerFor('1.0.0', f.url);
    const end = await controller.check();
    expect(end).toEqual({ status: 'ready', version: '1.0.1' });
    expect(states[0]).toEqual({ status: 'checking' });
    const progress = states.filter((s) => s.status === 'downloading');
    expect(progress.length).toBeGreaterThan(1);
    const last = progress.at(-1) as Extract<UpdateState, { status: 'downloading' }>;
    expect(last).toMatchObject({ version: '1.0.1', total: 256 * 1024 });
    expect(f.requested).toEqual(['latest-linux.yml', ARTEFACT('1.0.1')]);
    // The verified file is where the installer will take it from.
    const installer = (updater as unknown as { installerPath: string | null }).installerPath;
    expect(installer && existsSync(installer)).toBe(true);
    // A second check does not download again.
    expect(await controller.check()).toEqual({ status: 'ready', version: '1.0.1' });
    expect(f.requested).toHaveLength(2);
  });

  it('says up to date when the feed has this version', async () => {
    const f = await feed('1.0.0');
    const { controller } = controllerFor('1.0.0', f.url);
    expect(await controller.check()).toMatchObject({ status: 'upToDate', feedVersion: '1.0.0' });
    expect(f.requested).toEqual(['latest-linux.yml']);
  });

  it('refuses a downgrade: an older version on the feed is never downloaded', async () => {
    const f = await feed('0.9.0');
    const { controller, states } = controllerFor('1.0.0', f.url);
    expect(await controller.check()).toMatchObject({ status: 'upToDate', feedVersion: '0.9.0' });
    expect(states.some((s) => s.status === 'downloading')).toBe(false);
    expect(f.requested).toEqual(['latest-linux.yml']);
  });

  it('refuses a tampered artefact (sha512 mismatch) and says so in plain words', async () => {
    const f = await feed('1.0.1');
    const original = f.files.get(ARTEFACT('1.0.1'))!;
    const tampered = Buffer.from(original);
    tampered[1000] = tampered[1000]! ^ 0xff;
    f.files.set(ARTEFACT('1.0.1'), tampered);
    const { controller, warnings, updater } = controllerFor('1.0.0', f.url);
    const end = await controller.check();
    expect(end).toMatchObject({ status: 'error', kind: 'integrity' });
    expect((end as { message: string }).message).toMatch(/did not match the checksum/);
    expect(warnings.join('\n')).toMatch(/sha512 checksum mismatch/);
    expect((updater as unknown as { installerPath: string | null }).installerPath).toBeNull();
  });

  it('says the server cannot be reached when the feed is down', async () => {
    const f = await feed('1.0.1');
    await f.close();
    feeds.splice(feeds.indexOf(f), 1);
    const { controller } = controllerFor('1.0.0', f.url);
    expect(await controller.check()).toMatchObject({ status: 'error', kind: 'unreachable' });
  });

  it('says the server has no release when the feed has no latest-linux.yml', async () => {
    const f = await feed('1.0.1');
    f.files.delete('latest-linux.yml');
    const { controller } = controllerFor('1.0.0', f.url);
    expect(await controller.check()).toMatchObject({ status: 'error', kind: 'unreachable' });
  });

  it('shares one check between callers', async () => {
    const f = await feed('1.0.0');
    const { controller } = controllerFor('1.0.0', f.url);
    const [a, b] = await Promise.all([controller.check(), controller.check()]);
    expect(a).toBe(b);
    expect(f.requested).toEqual(['latest-linux.yml']);
  });
});
