/**
 * The app's logger: every line is formatted and redacted once (redact.ts), then written to the sinks. In
 * the desktop app the sinks are the log file (electron-log, attached after the first window shows, so the
 * logger's import is not on the start-up path) and stderr; web mode writes the same lines to stderr.
 */
import type { Logger } from '../../shared/logger.ts';
import { formatLine } from './redact.ts';

export type LogLevel = 'info' | 'warn' | 'error';
export type LineSink = (level: LogLevel, line: string) => void;

/** How many lines are held while no file sink is attached yet (the rest are counted, not kept). */
export const EARLY_LINES = 500;

export class LineLog implements Logger {
  readonly #sinks: LineSink[];
  #pending: Array<[LogLevel, string]> | null = [];
  #dropped = 0;

  /** `sinks` get every line at once (stderr); a sink attached later gets the early lines first. */
  constructor(...sinks: LineSink[]) {
    this.#sinks = sinks;
  }

  info(...args: unknown[]): void {
    this.#write('info', args);
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }
  error(...args: unknown[]): void {
    this.#write('error', args);
  }

  /** Adds a sink (the log file) and hands it the lines written before it was there. */
  attach(sink: LineSink): void {
    for (const [level, line] of this.#pending ?? []) sink(level, line);
    if (this.#dropped) sink('warn', `latchkey: ${this.#dropped} early log lines were not kept`);
    this.#pending = null;
    this.#sinks.push(sink);
  }

  #write(level: LogLevel, args: readonly unknown[]): void {
    const line = formatLine(args);
    if (this.#pending) {
      if (this.#pending.length < EARLY_LINES) this.#pending.push([level, line]);
      else this.#dropped++;
    }
    for (const sink of this.#sinks) sink(level, line);
  }
}

/** Lines to the console (web mode's stderr for warnings and errors; the desktop app's terminal). */
export const consoleSink: LineSink = (level, line) => console[level](line);
