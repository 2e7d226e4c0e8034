import { Component, type ReactNode } from 'react';
import { ErrorNote } from './ErrorNote.tsx';

/**
 * Keeps an area's failure inside its panel. An area's code arrives as a chunk of its own (lazy-panel.ts); if it
 * cannot be fetched (web mode was stopped, or rebuilt under an open page, so the old chunk is gone), React
 * would otherwise unmount the whole app and leave the page blank. Here the panel says so in plain words, with
 * the browser's text under Technical detail, and the other areas keep working.
 */
export class AreaBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <ErrorNote
        message={{
          message: 'This area could not be loaded. Reload the page to try again.',
          detail: error.message,
        }}
      />
    );
  }
}
