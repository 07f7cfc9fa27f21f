/**
 * Maps an ANSI style to CSS: the 16 base colours become classes bound to the theme's
 * --vscode-terminal-ansi* variables (see media/webview/run.css); 256-colour and truecolour
 * values become inline colours (set through CSSOM, which the CSP allows). Pure.
 */
import { BOLD, DIM, INVERSE, ITALIC, STRIKE, UNDERLINE, type AnsiColor, type AnsiStyle } from './ansi';

export interface CssStyle {
  readonly className: string;
  readonly color?: string;
  readonly background?: string;
}

const CUBE = [0, 95, 135, 175, 215, 255];

function hex(value: number): string {
  return value.toString(16).padStart(2, '0');
}

/** CSS colour of a 256-palette index >= 16, or a truecolour value. */
export function colorValue(color: AnsiColor): string {
  if (color >= 256) {
    return `#${(color - 256).toString(16).padStart(6, '0')}`;
  }
  if (color >= 232) {
    const level = 8 + (color - 232) * 10;
    return `#${hex(level)}${hex(level)}${hex(level)}`;
  }
  const index = color - 16;
  const r = CUBE[Math.floor(index / 36) % 6] ?? 0;
  const g = CUBE[Math.floor(index / 6) % 6] ?? 0;
  const b = CUBE[index % 6] ?? 0;
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

const cache = new Map<string, CssStyle>();

export function cssForStyle(style: AnsiStyle): CssStyle {
  const key = `${style.fg}/${style.bg}/${style.flags}`;
  const cached = cache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  let fg = style.fg;
  let bg = style.bg;
  const classes: string[] = [];
  if (style.flags & INVERSE) {
    [fg, bg] = [bg, fg];
    if (fg === -1) classes.push('a-f-inv');
    if (bg === -1) classes.push('a-b-inv');
  }
  let color: string | undefined;
  let background: string | undefined;
  if (fg >= 0 && fg < 16) classes.push(`a-f${fg}`);
  else if (fg >= 16) color = colorValue(fg);
  if (bg >= 0 && bg < 16) classes.push(`a-b${bg}`);
  else if (bg >= 16) background = colorValue(bg);
  if (style.flags & BOLD) classes.push('a-bold');
  if (style.flags & DIM) classes.push('a-dim');
  if (style.flags & ITALIC) classes.push('a-italic');
  if (style.flags & UNDERLINE) classes.push('a-underline');
  if (style.flags & STRIKE) classes.push('a-strike');
  const result: CssStyle = { className: classes.join(' '), ...(color !== undefined ? { color } : {}), ...(background !== undefined ? { background } : {}) };
  if (cache.size < 4096) {
    cache.set(key, result);
  }
  return result;
}
