/**
 * Fails when the app's identity disagrees with its copies: `npm run check:identity` (also run by
 * test/scripts/check-identity.test.ts). src/shared/app-identity.ts is the source; electron-builder.yml (which
 * electron-builder reads alone) must repeat its appId, productName, protocols and publish feed, and
 * package.json its productName. Prints each disagreement and exits 1, or prints one line and exits 0.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import yaml from 'js-yaml';
import type { AppIdentity } from '../src/shared/app-identity.ts';

interface BuilderConfig {
  appId?: unknown;
  productName?: unknown;
  protocols?: Array<{ name?: unknown; schemes?: unknown }> | { name?: unknown; schemes?: unknown };
  publish?: unknown;
  dmg?: { title?: unknown };
}

const show = (v: unknown) => JSON.stringify(v) ?? 'nothing';

/** The disagreements between the identity and the two packaging files, as sentences (none: all agree). */
export function identityProblems(
  identity: AppIdentity,
  builder: BuilderConfig,
  pkg: { productName?: unknown },
): string[] {
  const problems: string[] = [];
  const expect = (where: string, actual: unknown, wanted: unknown) => {
    if (show(actual) !== show(wanted))
      problems.push(`${where} is ${show(actual)}, but src/shared/app-identity.ts says ${show(wanted)}`);
  };
  expect('electron-builder.yml appId', builder.appId, identity.appId);
  expect('electron-builder.yml productName', builder.productName, identity.productName);
  expect('package.json productName', pkg.productName, identity.productName);
  if (builder.dmg?.title !== undefined)
    expect('electron-builder.yml dmg.title', builder.dmg.title, identity.productName);
  const protocols = Array.isArray(builder.protocols)
    ? builder.protocols
    : builder.protocols
      ? [builder.protocols]
      : [];
  // The deep-link scheme first; the app id may follow, as the scheme of sign-in redirects (RFC 8252 §7.1).
  const schemes = protocols.flatMap((p) =>
    Array.isArray(p.schemes) ? (p.schemes as unknown[]) : [p.schemes],
  );
  const wanted = schemes.length > 1 ? [identity.scheme, identity.appId] : [identity.scheme];
  expect('electron-builder.yml protocols[*].schemes', schemes, wanted);
  const publish = Array.isArray(builder.publish) ? builder.publish[0] : builder.publish;
  const feed = publish as { provider?: unknown; url?: unknown } | undefined;
  expect('electron-builder.yml publish provider', feed?.provider, identity.updateFeed.provider);
  expect('electron-builder.yml publish url', feed?.url, identity.updateFeed.url);
  return problems;
}

export async function checkIdentity(root: string): Promise<string[]> {
  const file = path.join(root, 'src/shared/app-identity.ts');
  const { APP_IDENTITY } = (await import(pathToFileURL(file).href)) as { APP_IDENTITY: AppIdentity };
  const builder = yaml.load(await readFile(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    productName?: unknown;
  };
  return identityProblems(APP_IDENTITY, builder, pkg);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problems = await checkIdentity(process.argv[2] ?? process.cwd());
  if (problems.length) {
    console.error(
      `The app's identity disagrees with its copies:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log('App identity: src/shared/app-identity.ts, electron-builder.yml and package.json agree.');
}
