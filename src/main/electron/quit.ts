import type { Logger } from '../../shared/logger.ts';

/**
 * Waits for the host to close (storage and vault flushed), but never longer than `ms`: a quit that hangs
 * is worse than one that leaves the last unsynced write to the journal's recovery.
 */
export async function closeWithin(closing: Promise<void>, ms: number, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    const outcome = await Promise.race([closing.then(() => 'closed' as const), timeout]);
    if (outcome === 'timeout') log.warn(`latchkey: the host did not close within ${ms} ms; quitting anyway`);
  } catch (error) {
    log.error(`latchkey: closing the host failed: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
