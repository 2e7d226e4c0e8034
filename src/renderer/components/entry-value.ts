import type { JsonValue } from '../../shared/json.ts';

export type ValueKind = 'text' | 'json';

export function parseEntryValue(
  text: string,
  kind: ValueKind,
): { ok: true; value: JsonValue } | { ok: false; message: string } {
  if (kind === 'text') return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch {
    return { ok: false, message: 'The value is not valid JSON. Choose "Text" to store it as a string.' };
  }
}

export function showValue(value: JsonValue): string {
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
