/**
 * Where HTML sits in a Markdown summary, after CommonMark's rules (simplified): HTML blocks
 * (spec 4.6: raw-text elements, comments, block-level tags, and a lone complete tag) and inline
 * raw HTML (spec 6.6: open and closing tags, comments). Only recognises; the text goes to the
 * allowlist sanitizer (htmlSanitize.ts) unchanged. Pure.
 */

/** How an HTML block ends: at a closing raw-text tag, at `-->`, or at a blank line. */
export type HtmlBlockKind = 'raw' | 'comment' | 'block' | 'tag';

const BLOCK_NAMES = [
  'address', 'article', 'aside', 'base', 'basefont', 'blockquote', 'body', 'caption', 'center', 'col', 'colgroup', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'iframe', 'legend', 'li',
  'link', 'main', 'menu', 'menuitem', 'nav', 'noframes', 'ol', 'optgroup', 'option', 'p', 'param', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'title', 'tr', 'track', 'ul',
];

const TAG_NAME = '[A-Za-z][A-Za-z0-9-]*';
const ATTRIBUTE = `\\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\\s*=\\s*(?:[^\\s"'=<>\`]+|'[^']*'|"[^"]*"))?`;
const OPEN_TAG = `<${TAG_NAME}(?:${ATTRIBUTE})*\\s*/?>`;
const CLOSE_TAG = `</${TAG_NAME}\\s*>`;

const RAW_START = /^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i;
const RAW_END = /<\/(?:script|pre|style|textarea)>/i;
const COMMENT_START = /^ {0,3}<!--/;
const BLOCK_START = new RegExp(`^ {0,3}</?(?:${BLOCK_NAMES.join('|')})(?=[\\s>]|/>|$)`, 'i');
const TAG_ALONE = new RegExp(`^ {0,3}(?:${OPEN_TAG}|${CLOSE_TAG})\\s*$`);
const INLINE = new RegExp(`${OPEN_TAG}|${CLOSE_TAG}|<!--[\\s\\S]*?-->`, 'y');

/** A tag longer than this stays literal text (bounds the regex work on hostile input). */
const MAX_INLINE_TAG = 4096;

/** The kind of HTML block `line` starts, if any. `inParagraph`: a lone tag cannot interrupt a paragraph. */
export function htmlBlockStart(line: string, inParagraph = false): HtmlBlockKind | undefined {
  if (RAW_START.test(line)) return 'raw';
  if (COMMENT_START.test(line)) return 'comment';
  if (BLOCK_START.test(line)) return 'block';
  if (!inParagraph && line.length <= MAX_INLINE_TAG * 4 && TAG_ALONE.test(line)) return 'tag';
  return undefined;
}

/** True when `line` (the block's first line included) ends an HTML block of `kind`; blank-line kinds never end on a line of their own. */
export function htmlBlockEndsOn(kind: HtmlBlockKind, line: string): boolean {
  if (kind === 'raw') return RAW_END.test(line);
  if (kind === 'comment') return line.includes('-->');
  return false;
}

/** The inline raw HTML token starting at `text[i]` (which is `<`), if there is one. */
export function inlineHtmlAt(text: string, i: number): string | undefined {
  INLINE.lastIndex = 0;
  const match = INLINE.exec(text.slice(i, i + MAX_INLINE_TAG));
  return match === null ? undefined : match[0];
}
