// Go string literals as they appear in import declarations, go.mod and go.work: "interpreted"
// (with backslash escapes) and `raw`. Unquoting follows strconv.Unquote, which both the go
// command and modfile use.

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * The value of a Go string literal, quotes included in `literal`; undefined when it is not a
 * valid literal (the caller knows where it came from and says so).
 */
export function unquoteGoString(literal: string): string | undefined {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote) return undefined;
  const body = literal.slice(1, -1);
  if (quote === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (quote !== '"' || body.includes('\n')) return undefined;
  if (!body.includes('\\')) return body.includes('"') ? undefined : body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return undefined;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
    } else if (e in HEX_DIGITS) {
      const digits = body.slice(i + 1, i + 1 + HEX_DIGITS[e]!);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== HEX_DIGITS[e]) return undefined;
      const code = parseInt(digits, 16);
      if (e !== 'x' && (code > 0x10ffff || (code >= 0xd800 && code < 0xe000))) return undefined;
      // \x is one byte; import paths are ASCII in practice, so a byte above 0x7f is rejected
      // rather than assembled into UTF-8 by hand.
      if (e === 'x' && code > 0x7f) return undefined;
      out += String.fromCodePoint(code);
      i += digits.length;
    } else if (e >= '0' && e <= '7') {
      const digits = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(digits)) return undefined;
      const code = parseInt(digits, 8);
      if (code > 0x7f) return undefined;
      out += String.fromCharCode(code);
      i += 2;
    } else {
      return undefined;
    }
  }
  return out;
}
