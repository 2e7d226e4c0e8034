/**
 * Binds every contract method to ipcMain through one gate: the sender must be our own page's main frame,
 * then the dispatcher validates arguments. The only module allowed to import ipcMain.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL_PREFIX, METHOD_NAMES } from '../../shared/contract-names.ts';
import { fail } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Dispatch } from '../ipc/dispatcher.ts';
import { isTrustedSender } from '../security/url-policy.ts';

export function clientIdOf(webContentsId: number): string {
  return `window-${webContentsId}`;
}

function senderFacts(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return { url: frame?.url, isMainFrame: frame !== null && frame.parent === null };
}

export function bindIpc(
  dispatch: Dispatch,
  appOrigins: readonly string[],
  log: Logger = console,
): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(IPC_CALL_PREFIX + name, (event, ...args: unknown[]) => {
      if (!isTrustedSender(senderFacts(event), appOrigins)) {
        // Logged without arguments: they may hold secrets.
        log.warn(`latchkey: refused ${name} from an untrusted sender`);
        return fail({ code: 'forbidden', message: 'this caller may not use the Latchkey host' });
      }
      return dispatch(name, args, { clientId: clientIdOf(event.sender.id) });
    });
  }
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(IPC_CALL_PREFIX + name);
  };
}
