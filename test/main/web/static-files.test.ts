import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentType, resolveStaticPath } from '../../../src/main/web/static-files.ts';

const root = path.resolve('/srv/app');

describe('resolveStaticPath', () => {
  it('maps paths inside the root', () => {
    expect(resolveStaticPath(root, '/assets/index.js')).toBe(path.join(root, 'assets/index.js'));
  });
  it.each(['/../secret', '/assets/../../secret', '/%2e%2e/secret', '/..%2fsecret', '/a%00b', '/%E0%A4%A'])(
    'refuses %s',
    (p) => {
      const resolved = resolveStaticPath(root, p);
      expect(resolved === null || resolved.startsWith(root + path.sep)).toBe(true);
      if (resolved !== null) expect(resolved).not.toContain('..');
    },
  );
  it('refuses NUL bytes and bad encoding outright', () => {
    expect(resolveStaticPath(root, '/a%00b')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
  });
});

describe('contentType', () => {
  it('knows the renderer file types', () => {
    expect(contentType('a.js')).toContain('javascript');
    expect(contentType('a.css')).toContain('text/css');
    expect(contentType('a.bin')).toBe('application/octet-stream');
  });
});
