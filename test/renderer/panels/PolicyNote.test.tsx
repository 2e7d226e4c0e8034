/** The Sign-in area says what the app's policy lets the page do beyond the defaults, and nothing otherwise. */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PolicyNote } from '../../../src/renderer/panels/PolicyNote.tsx';
import { APP_POLICY, DEFAULT_APP_POLICY } from '../../../src/shared/app-policy.ts';

describe('the app policy note', () => {
  it("says the showcase's export and import are on", () => {
    render(<PolicyNote policy={APP_POLICY} />);
    const note = screen.getByRole('note', { name: 'App policy' });
    expect(note.textContent).toContain('export tokens, refresh token included');
    expect(note.textContent).toContain('sign in from an imported token');
    expect(note.textContent).toContain('auth.exportToken, auth.importToken');
  });

  it('is not there for an app on the defaults', () => {
    render(<PolicyNote policy={DEFAULT_APP_POLICY} />);
    expect(screen.queryByRole('note')).toBeNull();
  });
});
