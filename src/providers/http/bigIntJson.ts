/**
 * JSON.parse that keeps integers beyond Number.MAX_SAFE_INTEGER exact (as bigint), as Octokit's
 * parser does, but linear in the text and without recursion of its own: one scan marks the unsafe
 * integers (outside strings), and only when there are some does a reviver turn the marks back into
 * bigints. A 10 MB string value parses like any other (Octokit's json-with-bigint overflows the
 * stack on one). Throws SyntaxError like JSON.parse.
 */

/** The mark, as JSON text (a NUL character, which raw JSON text cannot hold unescaped) and as the parsed string. */
const MARK_JSON = '\\u0000bigint:';
const MARK = '\u0000bigint:';
/** 2^53 has 16 digits: shorter integers are always safe. */
const SAFE_DIGITS = 15;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The end of the string literal that opens at `start` (the index after its closing quote). */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) {
      return text.length;
    }
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) {
      backslashes++;
    }
    if (backslashes % 2 === 0) {
      return quote + 1;
    }
    at = quote + 1;
  }
}

/** The text with each unsafe integer literal written as a marked string, or undefined when there is none. */
function markUnsafeIntegers(text: string): string | undefined {
  let out: string[] | undefined;
  let copied = 0;
  let at = 0;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === 34) {
      at = stringEnd(text, at);
      continue;
    }
    if (code !== 45 && !isDigit(code)) {
      at++;
      continue;
    }
    const start = at;
    at++;
    while (at < text.length && isDigit(text.charCodeAt(at))) {
      at++;
    }
    const next = text.charCodeAt(at);
    const integer = next !== 46 && next !== 101 && next !== 69;
    const token = text.slice(start, at);
    if (integer && token.replace('-', '').length > SAFE_DIGITS && /^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
      out ??= [];
      out.push(text.slice(copied, start), `"${MARK_JSON}${token}"`);
      copied = at;
    }
    // A fraction or exponent: skip the rest of the number.
    while (at < text.length && /[\d.eE+-]/.test(text[at] ?? '')) {
      at++;
    }
  }
  if (out === undefined) {
    return undefined;
  }
  out.push(text.slice(copied));
  return out.join('');
}

export function parseJsonKeepingBigInts(text: string): unknown {
  const marked = markUnsafeIntegers(text);
  if (marked === undefined) {
    return JSON.parse(text) as unknown;
  }
  return JSON.parse(marked, (_key, value: unknown) => (typeof value === 'string' && value.startsWith(MARK) ? BigInt(value.slice(MARK.length)) : value)) as unknown;
}
