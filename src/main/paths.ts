import os from 'node:os';
import path from 'node:path';

/** Electron's `app.getPath('userData')` for our product name, computed without Electron for web mode. */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Latchkey');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Latchkey');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Latchkey');
}

/** Web mode keeps its own folder beside the desktop app's, so the two never fight over one file. */
export function defaultWebDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return path.join(defaultUserDataDir(env, platform), 'web');
}
