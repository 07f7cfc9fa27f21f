/**
 * Buildkite's terminal output classes (terminal-to-html renders ANSI as `<span class="term-fg31">`)
 * mapped onto the panel's own ANSI styling (ansiCss.ts): base and bright colours become the
 * theme-bound `a-f*` / `a-b*` classes, 256-palette colours inline CSS values (set through CSSOM),
 * and the SGR attributes the `a-bold` … classes. Unknown classes are dropped. Pure.
 */
import { colorValue, type CssStyle } from './ansiCss';

const ATTRIBUTES: Readonly<Record<string, string>> = { '1': 'a-bold', '2': 'a-dim', '3': 'a-italic', '4': 'a-underline', '9': 'a-strike' };

interface Mapped {
  readonly className?: string;
  readonly color?: string;
  readonly background?: string;
}

function mapOne(name: string): Mapped | undefined {
  const match = /^term-(fgx|bgx|fgi|bgi|fg|bg)(\d{1,3})$/.exec(name);
  if (match === null) return undefined;
  const kind = match[1] ?? '';
  const n = Number(match[2]);
  switch (kind) {
    case 'fg':
      if (n >= 30 && n <= 37) return { className: `a-f${n - 30}` };
      return ATTRIBUTES[String(n)] === undefined ? undefined : { className: ATTRIBUTES[String(n)] };
    case 'fgi':
      return n >= 90 && n <= 97 ? { className: `a-f${n - 90 + 8}` } : undefined;
    case 'bg':
      return n >= 40 && n <= 47 ? { className: `a-b${n - 40}` } : undefined;
    case 'bgi':
      return n >= 100 && n <= 107 ? { className: `a-b${n - 100 + 8}` } : undefined;
    default: {
      // 256-colour palette: 0–15 are the theme's colours, 16–255 fixed values.
      const fg = kind === 'fgx';
      if (n > 255) return undefined;
      if (n < 16) return { className: `a-${fg ? 'f' : 'b'}${n}` };
      return fg ? { color: colorValue(n) } : { background: colorValue(n) };
    }
  }
}

/** The panel style for a `class` attribute value; undefined when no class in it is a known `term-*` one. */
export function termStyle(classAttribute: string): CssStyle | undefined {
  const classes: string[] = [];
  let color: string | undefined;
  let background: string | undefined;
  for (const name of classAttribute.split(/\s+/).slice(0, 16)) {
    const mapped = mapOne(name);
    if (mapped === undefined) continue;
    if (mapped.className !== undefined && !classes.includes(mapped.className)) classes.push(mapped.className);
    color = mapped.color ?? color;
    background = mapped.background ?? background;
  }
  if (classes.length === 0 && color === undefined && background === undefined) return undefined;
  return { className: classes.join(' '), ...(color !== undefined ? { color } : {}), ...(background !== undefined ? { background } : {}) };
}
