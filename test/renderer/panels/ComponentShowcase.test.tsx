/** The showcase's controls by role and accessible name, and what they change. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ComponentShowcase } from '../../../src/renderer/panels/ComponentShowcase.tsx';

function showcase() {
  render(<ComponentShowcase />);
  return within(screen.getByRole('region', { name: 'Components' }));
}

describe('Component showcase', () => {
  it('offers every image option with Flet’s values', () => {
    const card = showcase();
    const options = (name: string) =>
      within(card.getByRole('combobox', { name }))
        .getAllByRole('option')
        .map((o) => o.textContent);
    expect(options('Blend mode')).toHaveLength(29);
    expect(options('Fit')).toEqual([
      'fill',
      'contain',
      'cover',
      'fitWidth',
      'fitHeight',
      'none',
      'scaleDown',
    ]);
    expect(options('Repeat')).toEqual(['noRepeat', 'repeat', 'repeatX', 'repeatY']);
    expect(options('Image source')).toEqual(['URL (src)', 'Base64 (src_base64)']);
    expect(card.getByRole('checkbox', { name: 'Gapless playback' })).toHaveProperty('checked', false);
    expect(card.getByRole('spinbutton', { name: 'Border radius' })).toHaveProperty('value', '0');
    expect(card.getByRole('slider', { name: 'Tint opacity' })).toHaveProperty('value', '100');
    expect(card.getByLabelText('Tint')).toHaveProperty('value', '#3b5bdb');
  });

  it('the image follows the controls', async () => {
    const user = userEvent.setup();
    const card = showcase();
    const image = card.getByRole('img', { name: 'A key' });
    expect(image.dataset.blend).toBe('srcIn');
    await user.selectOptions(card.getByRole('combobox', { name: 'Blend mode' }), 'colorDodge');
    await user.selectOptions(card.getByRole('combobox', { name: 'Fit' }), 'fitHeight');
    await user.selectOptions(card.getByRole('combobox', { name: 'Repeat' }), 'repeatY');
    expect([image.dataset.blend, image.dataset.fit, image.dataset.repeat]).toEqual([
      'colorDodge',
      'fitHeight',
      'repeatY',
    ]);
    await user.click(card.getByRole('button', { name: 'Next picture' }));
    expect(card.getByRole('img', { name: 'A star' })).toBeTruthy();
  });

  it('a base64 source that is not a picture is said in plain words, the raw reason under Technical detail', async () => {
    const user = userEvent.setup();
    const card = showcase();
    await user.selectOptions(card.getByRole('combobox', { name: 'Image source' }), 'base64');
    expect(card.getByRole('img', { name: 'A picture from base64' })).toBeTruthy();
    // Next picture is for URL pictures only.
    expect(card.getByRole('button', { name: 'Next picture' })).toHaveProperty('disabled', true);
    const field = card.getByRole('textbox', { name: 'Base64 image' });
    await user.clear(field);
    await user.type(field, '%%%');
    const alert = card.getByRole('alert');
    expect(alert.textContent).toContain('This is not base64');
    expect(within(alert).getByText('Technical detail')).toBeTruthy();
  });

  it('offers the six animations, the chain, and the four clip behaviours', () => {
    const card = showcase();
    for (const name of ['opacity', 'rotation', 'scale', 'offset', 'position', 'container']) {
      expect(card.getByRole('button', { name: `Animate ${name}` })).toBeTruthy();
    }
    expect(card.getByRole('button', { name: 'Play animation chain' })).toBeTruthy();
    expect(card.getByRole('status').textContent).toBe('Animations finished: 0');
    expect(card.getByRole('group', { name: 'Animated box' })).toBeTruthy();
    const clip = within(card.getByRole('combobox', { name: 'Clip behaviour' }));
    expect(clip.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'None',
      'Hard edge',
      'Anti-alias',
      'Anti-alias with save layer',
    ]);
  });
});
