/**
 * Where a JSON text stops being JSON, as a line and column, and nothing else. V8's parse messages quote the
 * text around the error (`Unexpected token '}', ..."ecret": "s3cr"}" is not valid JSON`), which in a
 * providers file can be a client secret; the message shown and logged says only where.
 */

const WS = new Set([' ', '\t', '\n', '\r']);

/** The offset of the first character that keeps `text` from being one JSON value (text.length at the end). */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (at: number): never => {
    throw at;
  };
  const space = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) if (text[i++] !== ch) fail(i - 1);
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail(i);
      const ch = text[i]!;
      if (ch === '"') return void i++;
      if (ch < ' ') fail(i);
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i);
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail(i);
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail(i);
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail(i);
    space();
    const ch = text[i];
    if (ch === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail(i);
        string();
        space();
        if (text[i] !== ':') fail(i);
        i++;
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail(i);
      }
    }
    if (ch === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail(i);
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    fail(i);
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1; // a byte-order mark, as JSON.parse of readFile text sees it
    value(0);
    space();
    return i < text.length ? i : null;
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, text.length);
    throw at;
  }
}

/** `line L, column C` (both from 1) of an offset into `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** What the providers file's problem says when it is not JSON: where, never what is there. */
export function jsonSyntaxProblem(text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset === null) return 'is not valid JSON';
  if (offset >= text.length) return 'is not valid JSON: it ends too early';
  const { line, column } = lineAndColumn(text, offset);
  return `is not valid JSON: the text stops being JSON at line ${line}, column ${column}`;
}
