/**
 * A safe Markdown subset for check-run summaries (API text, treated as hostile):
 * headings, paragraphs, lists, tables, fenced/indented code, block quotes, rules, inline code,
 * emphasis and links. HTML blocks and inline HTML are recognised (markdownHtml.ts) and kept as
 * raw `html` nodes, which markdownDom.ts hands to the allowlist sanitizer (htmlSanitize.ts).
 * Links keep only absolute http(s) targets. Produces a tree that markdownDom.ts turns into DOM
 * nodes with textContent only. Pure.
 */
import { htmlBlockEndsOn, htmlBlockStart, inlineHtmlAt } from './markdownHtml';
import { alignments, isTableStart, MAX_TABLE_ROWS, splitRow, type Align } from './markdownTable';

export type Inline =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'code'; readonly text: string }
  | { readonly t: 'strong'; readonly children: readonly Inline[] }
  | { readonly t: 'em'; readonly children: readonly Inline[] }
  | { readonly t: 'link'; readonly href: string; readonly children: readonly Inline[] }
  | { readonly t: 'br' }
  /** `![alt](src)`: shown as the sanitizer shows `<img>` (data: images only, else the alt text). */
  | { readonly t: 'image'; readonly src: string; readonly alt: string }
  /** Raw inline HTML (one tag or comment), for the sanitizer. */
  | { readonly t: 'html'; readonly html: string };

export type Block =
  | { readonly t: 'heading'; readonly level: number; readonly children: readonly Inline[] }
  | { readonly t: 'paragraph'; readonly children: readonly Inline[] }
  | { readonly t: 'list'; readonly ordered: boolean; readonly items: readonly (readonly Inline[])[] }
  | { readonly t: 'code'; readonly text: string }
  | { readonly t: 'quote'; readonly children: readonly Block[] }
  | { readonly t: 'rule' }
  /** A raw HTML block, for the sanitizer. */
  | { readonly t: 'html'; readonly html: string }
  | { readonly t: 'table'; readonly align: readonly Align[]; readonly header: readonly (readonly Inline[])[]; readonly rows: readonly (readonly (readonly Inline[])[])[] };

/** Summaries larger than this are cut (GitHub caps them at 64 KiB anyway). */
export const MAX_MARKDOWN = 256 * 1024;
const MAX_DEPTH = 8;

/** Absolute http(s) URL without credentials, or undefined. */
export function safeHref(target: string): string | undefined {
  try {
    const url = new URL(target.trim());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '') {
      return url.href;
    }
  } catch {
    // not a URL
  }
  return undefined;
}

interface Delimiter {
  readonly open: string;
  readonly kind: 'strong' | 'em';
}
const DELIMITERS: readonly Delimiter[] = [
  { open: '**', kind: 'strong' },
  { open: '__', kind: 'strong' },
  { open: '*', kind: 'em' },
  { open: '_', kind: 'em' },
];

export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const flush = (): void => {
    if (buffer !== '') out.push({ t: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\\' && i + 1 < text.length && /[\\`*_[\]()#+\-.!<>]/.test(text[i + 1] ?? '')) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close > i) {
        flush();
        out.push({ t: 'code', text: text.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
    }
    if (c === '\n') {
      flush();
      out.push({ t: 'br' });
      i++;
      continue;
    }
    if (c === '!' && text[i + 1] === '[') {
      const image = /^!\[([^\]\n]{0,1000})\]\(([^()\s]{1,65536})(?:\s+"[^"]*")?\)/.exec(text.slice(i, i + 67000));
      if (image !== null) {
        flush();
        out.push({ t: 'image', src: image[2] ?? '', alt: image[1] ?? '' });
        i += image[0].length;
        continue;
      }
    }
    if (depth < MAX_DEPTH && c === '[') {
      const link = /^\[([^\]\n]{0,1000})\]\(([^()\s]{1,2048})(?:\s+"[^"]*")?\)/.exec(text.slice(i, i + 3100));
      if (link !== null) {
        const href = safeHref(link[2] ?? '');
        flush();
        const children = parseInline(link[1] ?? '', depth + 1);
        if (href !== undefined) out.push({ t: 'link', href, children });
        else out.push(...children);
        i += link[0].length;
        continue;
      }
    }
    if (c === '<') {
      const auto = /^<(https?:\/\/[^\s<>]{1,2048})>/.exec(text.slice(i, i + 2100));
      const href = auto === null ? undefined : safeHref(auto[1] ?? '');
      if (auto !== null && href !== undefined) {
        flush();
        out.push({ t: 'link', href, children: [{ t: 'text', text: auto[1] ?? '' }] });
        i += auto[0].length;
        continue;
      }
      const html = inlineHtmlAt(text, i);
      if (html !== undefined) {
        flush();
        out.push({ t: 'html', html });
        i += html.length;
        continue;
      }
    }
    if (depth < MAX_DEPTH && (c === '*' || c === '_')) {
      const delimiter = DELIMITERS.find((d) => text.startsWith(d.open, i));
      if (delimiter !== undefined) {
        const close = text.indexOf(delimiter.open, i + delimiter.open.length + 1);
        const inner = close < 0 ? '' : text.slice(i + delimiter.open.length, close);
        if (close > 0 && inner.trim() === inner && inner !== '') {
          flush();
          out.push({ t: delimiter.kind, children: parseInline(inner, depth + 1) });
          i = close + delimiter.open.length;
          continue;
        }
      }
    }
    buffer += c;
    i++;
  }
  flush();
  return out;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const ORDERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const FENCE = /^\s{0,3}(```+|~~~+)/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

function isBlockStart(line: string): boolean {
  return HEADING.test(line) || BULLET.test(line) || ORDERED.test(line) || FENCE.test(line) || RULE.test(line) || /^\s{0,3}>/.test(line) || htmlBlockStart(line, true) !== undefined;
}

function parseLines(lines: readonly string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence !== null) {
      const marker = fence[1] ?? '```';
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(marker)) body.push(lines[i++] ?? '');
      i++;
      blocks.push({ t: 'code', text: body.join('\n') });
      continue;
    }
    const html = htmlBlockStart(line);
    if (html !== undefined) {
      const body: string[] = [];
      while (i < lines.length) {
        const next = lines[i] ?? '';
        if (html !== 'raw' && html !== 'comment' && next.trim() === '') break;
        body.push(next);
        i++;
        if (htmlBlockEndsOn(html, next)) break;
      }
      blocks.push({ t: 'html', html: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading !== null) {
      blocks.push({ t: 'heading', level: heading[1]?.length ?? 1, children: parseInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (isTableStart(line, lines[i + 1])) {
      const align = alignments(lines[i + 1] ?? '');
      const width = align.length;
      const cellsOf = (row: string): Inline[][] => Array.from({ length: width }, (_, c) => parseInline(splitRow(row)[c] ?? ''));
      const header = cellsOf(line);
      i += 2;
      const rows: Inline[][][] = [];
      while (i < lines.length && (lines[i] ?? '').trim() !== '' && (lines[i] ?? '').includes('|')) {
        if (rows.length < MAX_TABLE_ROWS) rows.push(cellsOf(lines[i] ?? ''));
        i++;
      }
      blocks.push({ t: 'table', align, header, rows });
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ t: 'rule' });
      i++;
      continue;
    }
    if (/^\s{0,3}>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s{0,3}>/.test(lines[i] ?? '')) quoted.push((lines[i++] ?? '').replace(/^\s{0,3}>\s?/, ''));
      blocks.push(depth < MAX_DEPTH ? { t: 'quote', children: parseLines(quoted, depth + 1) } : { t: 'paragraph', children: [{ t: 'text', text: quoted.join('\n') }] });
      continue;
    }
    const ordered = ORDERED.test(line);
    if (ordered || BULLET.test(line)) {
      const pattern = ordered ? ORDERED : BULLET;
      const items: Inline[][] = [];
      while (i < lines.length) {
        const item = pattern.exec(lines[i] ?? '');
        if (item !== null) {
          items.push(parseInline(item[1] ?? ''));
        } else if (/^\s{2,}\S/.test(lines[i] ?? '') && items.length > 0) {
          // Continuation or nested item: folded into the current item.
          items[items.length - 1]?.push({ t: 'br' }, ...parseInline((lines[i] ?? '').trim()));
        } else {
          break;
        }
        i++;
      }
      blocks.push({ t: 'list', ordered, items });
      continue;
    }
    if (/^( {4}|\t)/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && (/^( {4}|\t)/.test(lines[i] ?? '') || (lines[i] ?? '').trim() === '')) body.push((lines[i++] ?? '').replace(/^( {4}|\t)/, ''));
      blocks.push({ t: 'code', text: body.join('\n').trimEnd() });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() !== '' && (paragraph.length === 0 || !isBlockStart(lines[i] ?? ''))) {
      paragraph.push((lines[i++] ?? '').trim());
    }
    blocks.push({ t: 'paragraph', children: parseInline(paragraph.join('\n')) });
  }
  return blocks;
}

export function parseMarkdown(source: string): Block[] {
  const text = source.length > MAX_MARKDOWN ? source.slice(0, MAX_MARKDOWN) : source;
  return parseLines(text.replace(/\r\n?/g, '\n').split('\n'), 0);
}
