/**
 * Streaming ANSI escape parser for CI logs. Pure (no DOM): also compiled for Node tests.
 *
 * - SGR (`ESC [ ... m`): 16/256/truecolor foreground and background, bold, dim, italic,
 *   underline, inverse, strikethrough, full and partial resets (0, 22, 23, 24, 27, 29, 39, 49).
 * - Every other CSI, OSC (incl. OSC 8 hyperlinks: the text stays, the link goes),
 *   DCS/SOS/PM/APC strings and two-byte escapes are dropped.
 * - Malformed or truncated escapes never throw; other C0 controls (except tab) are removed.
 * The style at the end of a line is returned so the next line can continue from it.
 */

/** Colour: -1 default, 0..255 palette index, >= 256: 256 + 0xRRGGBB. */
export type AnsiColor = number;

export const BOLD = 1;
export const DIM = 2;
export const ITALIC = 4;
export const UNDERLINE = 8;
export const INVERSE = 16;
export const STRIKE = 32;

export interface AnsiStyle {
  readonly fg: AnsiColor;
  readonly bg: AnsiColor;
  readonly flags: number;
}

export const DEFAULT_STYLE: AnsiStyle = Object.freeze({ fg: -1, bg: -1, flags: 0 });

export interface AnsiSpan {
  readonly text: string;
  readonly style: AnsiStyle;
}

export interface ParsedAnsi {
  /** The visible text, escapes removed. */
  readonly text: string;
  /** Runs of text with one style each; empty when `text` is empty. */
  readonly spans: readonly AnsiSpan[];
  /** Style in effect after the input. */
  readonly end: AnsiStyle;
}

const ESC = 0x1b;
// Controls other than tab, newline and ESC (ESC is handled by the parser itself).
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

function removeControls(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROLS, '') : text;
}

export function isDefaultStyle(style: AnsiStyle): boolean {
  return style.fg === -1 && style.bg === -1 && style.flags === 0;
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  return a === b || (a.fg === b.fg && a.bg === b.bg && a.flags === b.flags);
}

function clampByte(value: number | undefined): number {
  return value === undefined || Number.isNaN(value) ? 0 : Math.max(0, Math.min(255, value));
}

/** Reads an extended colour (after 38/48) from `params` at `i`; returns [colour, next index]. */
function extendedColor(params: readonly number[], i: number): [AnsiColor | undefined, number] {
  const mode = params[i];
  if (mode === 5) {
    const index = params[i + 1];
    return [index === undefined || Number.isNaN(index) ? undefined : clampByte(index), i + 2];
  }
  if (mode === 2) {
    const r = clampByte(params[i + 1]);
    const g = clampByte(params[i + 2]);
    const b = clampByte(params[i + 3]);
    return [256 + ((r << 16) | (g << 8) | b), i + 4];
  }
  return [undefined, params.length];
}

/** Parses "38:2::r:g:b" / "38:5:n" sub-parameter forms into the flat form. */
function colonColor(param: string): number[] {
  const parts = param.split(':').map((p) => (p === '' ? NaN : Number(p)));
  if (parts[1] === 2 && parts.length >= 6) {
    // 38:2:<colour space>:r:g:b
    return [parts[0] ?? 0, 2, parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0];
  }
  return parts;
}

const interned = new Map<number, AnsiStyle>([[styleKey(DEFAULT_STYLE), DEFAULT_STYLE]]);
const transitions = new Map<AnsiStyle, Map<string, AnsiStyle>>();
const MAX_INTERNED = 4096;

function styleKey(style: AnsiStyle): number {
  // fg and bg each fit in 25 bits (+1 for -1); flags in 6 bits.
  return ((style.fg + 1) * 2 ** 25 + (style.bg + 1)) * 64 + style.flags;
}

function intern(style: AnsiStyle): AnsiStyle {
  const key = styleKey(style);
  const known = interned.get(key);
  if (known !== undefined) return known;
  if (interned.size < MAX_INTERNED) interned.set(key, style);
  return style;
}

/**
 * Applies the parameters of one SGR sequence. Styles are interned and transitions cached,
 * so a log that repeats a handful of colours does not parse the same parameters twice.
 */
export function applySgr(style: AnsiStyle, paramText: string): AnsiStyle {
  let byParams = transitions.get(style);
  const cached = byParams?.get(paramText);
  if (cached !== undefined) return cached;
  const result = intern(computeSgr(style, paramText));
  if (interned.get(styleKey(style)) === style) {
    if (byParams === undefined) {
      byParams = new Map();
      transitions.set(style, byParams);
    }
    if (byParams.size < 256) byParams.set(paramText, result);
  }
  return result;
}

function computeSgr(style: AnsiStyle, paramText: string): AnsiStyle {
  let { fg, bg, flags } = style;
  const params: number[] = [];
  for (const part of paramText === '' ? ['0'] : paramText.split(';')) {
    if (part.includes(':')) {
      params.push(...colonColor(part));
    } else {
      params.push(part === '' ? 0 : Number(part));
    }
  }
  let i = 0;
  while (i < params.length) {
    const code = params[i] ?? 0;
    i++;
    if (code === 0) {
      fg = -1;
      bg = -1;
      flags = 0;
    } else if (code === 1) {
      flags |= BOLD;
    } else if (code === 2) {
      flags |= DIM;
    } else if (code === 3) {
      flags |= ITALIC;
    } else if (code === 4) {
      flags |= UNDERLINE;
    } else if (code === 7) {
      flags |= INVERSE;
    } else if (code === 9) {
      flags |= STRIKE;
    } else if (code === 21 || code === 22) {
      flags &= ~(BOLD | DIM);
    } else if (code === 23) {
      flags &= ~ITALIC;
    } else if (code === 24) {
      flags &= ~UNDERLINE;
    } else if (code === 27) {
      flags &= ~INVERSE;
    } else if (code === 29) {
      flags &= ~STRIKE;
    } else if (code >= 30 && code <= 37) {
      fg = code - 30;
    } else if (code === 38) {
      const [color, next] = extendedColor(params, i);
      fg = color ?? fg;
      i = next;
    } else if (code === 39) {
      fg = -1;
    } else if (code >= 40 && code <= 47) {
      bg = code - 40;
    } else if (code === 48) {
      const [color, next] = extendedColor(params, i);
      bg = color ?? bg;
      i = next;
    } else if (code === 49) {
      bg = -1;
    } else if (code >= 90 && code <= 97) {
      fg = code - 90 + 8;
    } else if (code >= 100 && code <= 107) {
      bg = code - 100 + 8;
    }
    // Anything else (blink, fonts, NaN from garbage) is ignored.
  }
  if (fg === style.fg && bg === style.bg && flags === style.flags) {
    return style;
  }
  return fg === -1 && bg === -1 && flags === 0 ? DEFAULT_STYLE : { fg, bg, flags };
}

/** Index just after a string terminated by BEL or ST (ESC \), or the end of input. */
function skipString(input: string, from: number): number {
  for (let i = from; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x07 || c === 0x9c) {
      return i + 1;
    }
    if (c === ESC && input.charCodeAt(i + 1) === 0x5c) {
      return i + 2;
    }
  }
  return input.length;
}

class SpanBuilder {
  readonly spans: AnsiSpan[] = [];
  text = '';

  constructor(
    private readonly withSpans: boolean,
    private readonly checkControls: boolean,
  ) {}

  push(raw: string, style: AnsiStyle): void {
    const text = this.checkControls ? removeControls(raw) : raw;
    if (text === '') {
      return;
    }
    this.text += text;
    if (!this.withSpans) return;
    const last = this.spans[this.spans.length - 1];
    if (last !== undefined && sameStyle(last.style, style)) {
      this.spans[this.spans.length - 1] = { text: last.text + text, style: last.style };
    } else {
      this.spans.push({ text, style });
    }
  }
}

/** Parses one line (or any text) of log output. Never throws. */
export function parseAnsi(input: string, start: AnsiStyle = DEFAULT_STYLE): ParsedAnsi {
  return scan(input, start, true);
}

/** Like parseAnsi without building spans: visible text and end style only (for indexing). */
export function scanAnsi(input: string, start: AnsiStyle = DEFAULT_STYLE): { readonly text: string; readonly end: AnsiStyle } {
  return scan(input, start, false);
}

function scan(input: string, start: AnsiStyle, withSpans: boolean): ParsedAnsi {
  let escape = input.indexOf('\x1b');
  if (escape < 0) {
    const text = removeControls(input);
    return { text, spans: text === '' || !withSpans ? [] : [{ text, style: start }], end: start };
  }
  const out = new SpanBuilder(withSpans, HAS_CONTROL.test(input));
  let style = start;
  let pos = 0;
  while (escape >= 0) {
    if (escape > pos) {
      out.push(input.slice(pos, escape), style);
    }
    const kind = input.charCodeAt(escape + 1);
    if (kind === 0x5b /* [ */) {
      // CSI: parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E.
      let i = escape + 2;
      while (i < input.length && input.charCodeAt(i) >= 0x30 && input.charCodeAt(i) <= 0x3f) i++;
      const paramEnd = i;
      while (i < input.length && input.charCodeAt(i) >= 0x20 && input.charCodeAt(i) <= 0x2f) i++;
      const final = input.charCodeAt(i);
      if (final >= 0x40 && final <= 0x7e) {
        if (final === 0x6d /* m */ && paramEnd === i) {
          const params = input.slice(escape + 2, paramEnd);
          // Private-mode markers (< = > ?) only appear first.
          if (params === '' || params.charCodeAt(0) < 0x3c) {
            style = applySgr(style, params);
          }
        }
        pos = i + 1;
      } else {
        // Truncated or malformed CSI: drop the introducer and what was read as parameters.
        pos = i;
      }
    } else if (kind === 0x5d /* ] OSC */ || kind === 0x50 /* P DCS */ || kind === 0x58 || kind === 0x5e || kind === 0x5f) {
      pos = skipString(input, escape + 2);
    } else if (kind >= 0x20 && kind <= 0x2f) {
      // nF escape, e.g. ESC ( B: intermediates then one final byte.
      let i = escape + 1;
      while (i < input.length && input.charCodeAt(i) >= 0x20 && input.charCodeAt(i) <= 0x2f) i++;
      pos = Math.min(input.length, i + 1);
    } else {
      // Two-byte escape (ESC c, ESC 7, ...) or a lone ESC at the end.
      pos = Math.min(input.length, escape + 2);
    }
    escape = input.indexOf('\x1b', pos);
  }
  if (pos < input.length) {
    out.push(input.slice(pos), style);
  }
  return { text: out.text, spans: out.spans, end: style };
}

/** Removes every escape sequence and control character. */
export function stripAnsi(input: string): string {
  return parseAnsi(input).text;
}
