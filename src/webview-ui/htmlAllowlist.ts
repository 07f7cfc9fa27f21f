/**
 * What the HTML sanitizer (htmlSanitize.ts) keeps. An element is either kept (as the output tag
 * named here, with only the attributes htmlSanitize.ts reads for it), dropped together with its
 * contents, or unwrapped: its children are kept, the element itself is not. Anything not listed
 * is unwrapped. Pure data.
 */

/** Source tag -> output tag, for elements kept without special handling. */
export const KEEP: Readonly<Record<string, keyof HTMLElementTagNameMap>> = {
  p: 'p',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  code: 'code',
  pre: 'pre',
  kbd: 'kbd',
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  del: 'del',
  s: 'del',
  strike: 'del',
  blockquote: 'blockquote',
  table: 'table',
  caption: 'caption',
  thead: 'thead',
  tbody: 'tbody',
  tfoot: 'tfoot',
  tr: 'tr',
  th: 'th',
  td: 'td',
  details: 'details',
  summary: 'summary',
  br: 'br',
  hr: 'hr',
  // Summary headings sit below the panel's own h2 (Checks) and h3 (the check's name).
  h1: 'h3',
  h2: 'h4',
  h3: 'h5',
  h4: 'h6',
  h5: 'h6',
  h6: 'h6',
};

/**
 * Dropped with everything inside: active content, embedded documents, forms' controls, SVG and
 * MathML (their own parsing rules are where mutation XSS lives), document metadata, and raw-text
 * elements whose text is code, not prose.
 */
export const DROP: ReadonlySet<string> = new Set([
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'xmp', 'plaintext',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'fencedframe',
  'svg', 'math', 'canvas', 'audio', 'video', 'picture', 'source', 'track', 'map', 'area',
  'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'datalist', 'output', 'selectedcontent',
  'base', 'meta', 'link', 'title', 'head', 'param', 'slot', 'dialog',
]);

/** Output elements directly inside which whitespace-only text is noise (table and list structure). */
export const STRUCTURAL: ReadonlySet<string> = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'ul', 'ol']);

/** Only `data:` images of these raster types are shown; anything else shows its alt text. */
export const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[A-Za-z0-9+/=\s]+$/;
