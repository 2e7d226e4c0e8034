import path from 'node:path';

/** Where the built preload and renderer are, seen from the built main entry's folder (out/main). */
export function builtPaths(mainDir: string): { preload: string; renderer: string } {
  return {
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    renderer: path.join(mainDir, '..', 'renderer'),
  };
}
