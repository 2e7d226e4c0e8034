import { describe, expect, it } from 'vitest';
import { SessionStorage } from '../../../src/main/services/session-storage.ts';

describe('SessionStorage', () => {
  it('keeps the Flet page.session operations per client', () => {
    const s = new SessionStorage();
    s.set('a', 'k1', { n: 1 });
    s.set('a', 'k2', 'two');
    s.set('b', 'k1', 'other window');
    expect(s.get('a', 'k1')).toEqual({ n: 1 });
    expect(s.get('b', 'k1')).toBe('other window');
    expect(s.containsKey('a', 'k2')).toBe(true);
    expect(s.containsKey('b', 'k2')).toBe(false);
    expect(s.getKeys('a')).toEqual(['k1', 'k2']);
    expect(s.remove('a', 'k1')).toBe(true);
    expect(s.remove('a', 'k1')).toBe(false);
    expect(s.entries('a')).toEqual([['k2', 'two']]);
    s.clear('a');
    expect(s.getKeys('a')).toEqual([]);
    expect(s.getKeys('b')).toEqual(['k1']);
  });

  it('answers null for a missing key and for an unknown client', () => {
    const s = new SessionStorage();
    expect(s.get('nobody', 'k')).toBeNull();
    expect(s.getKeys('nobody')).toEqual([]);
  });

  it('stores a copy: changing the original object later does not change the stored value', () => {
    const s = new SessionStorage();
    const value = { list: [1] };
    s.set('a', 'k', value);
    value.list.push(2);
    (s.get('a', 'k') as { list: number[] }).list.push(3);
    expect(s.get('a', 'k')).toEqual({ list: [1] });
  });

  it('drops a client store when its window closes, and only that one', () => {
    const s = new SessionStorage();
    s.set('a', 'k', 1);
    s.set('b', 'k', 2);
    s.drop('a');
    expect(s.containsKey('a', 'k')).toBe(false);
    expect(s.entries('a')).toEqual([]);
    expect(s.get('b', 'k')).toBe(2);
  });
});
