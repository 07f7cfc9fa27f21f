/**
 * Renders hostile HTML (a Buildkite annotation's body_html, the HTML inside a GitHub check-run
 * summary) as an allowlisted subset. The text is parsed by DOMParser into an inert document
 * (no scripting, no resource loads, never attached); a walker then builds *new* elements in the
 * live document for the allowed tags (htmlAllowlist.ts), copying only the few attributes read
 * below, each checked. Nothing parsed is ever inserted, serialized or parsed again, so the
 * mutation-XSS class (markup that changes meaning on a second parse) has nothing to act on.
 * Links never get an href: the host opens http(s) URLs (hostLink.ts).
 *
 * `parts` mixes raw HTML with nodes rendered elsewhere (Markdown blocks between HTML tags):
 * each node list stands in the markup as a placeholder element with a per-call random name,
 * so Markdown inside `<details>` ends up inside the details element.
 */
import type { Host } from './dom';
import { hostLink } from './hostLink';
import { DATA_IMAGE, DROP, KEEP, STRUCTURAL } from './htmlAllowlist';
import { safeHref } from './markdown';
import { termStyle } from './termClasses';

export type HtmlPart = string | readonly Node[];

/** Buildkite caps an annotation body at 1 MiB. */
export const MAX_HTML = 1024 * 1024;
/** Output nodes per call; past it the rest is cut and a note says so. */
export const MAX_NODES = 20_000;
/** Nesting past this is flattened (children kept, elements not). */
const MAX_DEPTH = 32;
const MAX_DATA_IMAGE = 512 * 1024;
const MAX_SPAN = 1000;
const MAX_IMAGE_SIDE = 4096;

interface Walk {
  readonly host: Host;
  readonly slotTag: string;
  readonly slots: Map<string, readonly Node[]>;
  nodes: number;
  cut: boolean;
}

function slotName(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `ff-slot-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function boundedInt(value: string | null, max: number): number | undefined {
  if (value === null || !/^\s*\d{1,7}\s*$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= max ? n : undefined;
}

/** The attributes of a kept element that carry meaning and are safe: each one read and checked. */
function copyAttributes(source: Element, target: HTMLElement): void {
  if (target instanceof HTMLTableCellElement) {
    const colSpan = boundedInt(source.getAttribute('colspan'), 100);
    const rowSpan = boundedInt(source.getAttribute('rowspan'), 1000);
    if (colSpan !== undefined) target.colSpan = colSpan;
    if (rowSpan !== undefined) target.rowSpan = rowSpan;
    const align = source.getAttribute('align')?.trim().toLowerCase();
    if (align === 'left' || align === 'center' || align === 'right') target.style.textAlign = align;
  } else if (target instanceof HTMLOListElement) {
    const start = boundedInt(source.getAttribute('start'), 1_000_000_000);
    if (start !== undefined) target.start = start;
  } else if (target instanceof HTMLDetailsElement) {
    target.open = source.hasAttribute('open');
  } else if (target instanceof HTMLPreElement && source.classList.contains('term')) {
    target.className = 'term';
  }
}

/** An image: shown only for a `data:` raster image, otherwise its alt text stands in (or nothing). */
export function imageNode(src: string, alt: string, width?: number, height?: number): Node | undefined {
  const text = alt.slice(0, MAX_SPAN);
  const source = src.trim();
  if (source.length <= MAX_DATA_IMAGE && DATA_IMAGE.test(source)) {
    const img = document.createElement('img');
    img.alt = text;
    img.src = source;
    if (width !== undefined) img.width = width;
    if (height !== undefined) img.height = height;
    return img;
  }
  // Remote (and artifact://) images are never loaded: no tracking pixels, no requests.
  if (text.trim() === '') return undefined;
  const span = document.createElement('span');
  span.className = 'img-alt';
  span.title = 'Image not loaded';
  span.textContent = text;
  return span;
}

function image(source: Element): Node | undefined {
  const width = boundedInt(source.getAttribute('width'), MAX_IMAGE_SIDE);
  const height = boundedInt(source.getAttribute('height'), MAX_IMAGE_SIDE);
  return imageNode(source.getAttribute('src') ?? '', source.getAttribute('alt') ?? '', width, height);
}

/** The output element for a source element, or undefined to unwrap it. */
function outputFor(source: Element, tag: string, walk: Walk, inLink: boolean): HTMLElement | undefined {
  const kept = KEEP[tag];
  if (kept !== undefined) {
    const element = document.createElement(kept);
    copyAttributes(source, element);
    return element;
  }
  if (tag === 'span') {
    const style = termStyle(source.getAttribute('class') ?? '');
    if (style === undefined) return undefined;
    const span = document.createElement('span');
    if (style.className !== '') span.className = style.className;
    if (style.color !== undefined) span.style.color = style.color;
    if (style.background !== undefined) span.style.backgroundColor = style.background;
    return span;
  }
  if (tag === 'div' && source.classList.contains('term-container')) {
    // terminal-to-html's own wrapper for a block of terminal output.
    const pre = document.createElement('pre');
    pre.className = 'term';
    return pre;
  }
  if (tag === 'a' && !inLink) {
    const raw = source.getAttribute('href') ?? '';
    const href = safeHref(raw);
    if (href !== undefined) return hostLink(href, [], walk.host);
    if (/^\s*mailto:/i.test(raw)) {
      // The host opens web URLs only: the address is shown, not followed.
      const span = document.createElement('span');
      span.className = 'mail';
      span.title = raw.trim().slice(0, MAX_SPAN);
      return span;
    }
  }
  return undefined;
}

function walkChildren(source: Node, target: Node, walk: Walk, depth: number, inLink: boolean): void {
  for (let child = source.firstChild; child !== null; child = child.nextSibling) {
    if (walk.nodes >= MAX_NODES) {
      walk.cut = true;
      return;
    }
    if (child.nodeType === Node.TEXT_NODE) {
      const text = child.nodeValue ?? '';
      if (target instanceof HTMLElement && STRUCTURAL.has(target.localName) && text.trim() === '') continue;
      target.appendChild(document.createTextNode(text));
      walk.nodes++;
      continue;
    }
    if (!(child instanceof Element)) continue; // comments, processing instructions, doctypes
    // Only HTML-namespace elements: SVG/MathML islands are dropped whole (their parsing rules differ).
    if (child.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
    const tag = child.localName;
    if (tag === walk.slotTag) {
      const key = child.getAttribute('data-i') ?? '';
      const nodes = walk.slots.get(key);
      walk.slots.delete(key);
      for (const node of nodes ?? []) target.appendChild(node);
      walk.nodes += nodes?.length ?? 0;
      continue;
    }
    if (DROP.has(tag)) continue;
    if (tag === 'img') {
      const node = image(child);
      if (node !== undefined) {
        target.appendChild(node);
        walk.nodes++;
      }
      continue;
    }
    const output = depth < MAX_DEPTH ? outputFor(child, tag, walk, inLink) : undefined;
    if (output === undefined) {
      walkChildren(child, target, walk, depth, inLink);
      continue;
    }
    walk.nodes++;
    target.appendChild(output);
    if (tag !== 'br' && tag !== 'hr') walkChildren(child, output, walk, depth + 1, inLink || output instanceof HTMLAnchorElement);
  }
}

/** Sanitized DOM nodes for `parts` (raw HTML strings and already-rendered node lists). */
export function sanitizeHtml(parts: readonly HtmlPart[], host: Host): Node[] {
  const slotTag = slotName();
  const slots = new Map<string, readonly Node[]>();
  let markup = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      markup += part;
    } else {
      const key = String(slots.size);
      slots.set(key, part);
      markup += `<${slotTag} data-i="${key}"></${slotTag}>`;
    }
    if (markup.length > MAX_HTML) break;
  }
  const cutInput = markup.length > MAX_HTML;
  const inert = new DOMParser().parseFromString(cutInput ? markup.slice(0, MAX_HTML) : markup, 'text/html');
  const fragment = document.createDocumentFragment();
  const walk: Walk = { host, slotTag, slots, nodes: 0, cut: cutInput };
  walkChildren(inert.body, fragment, walk, 0, false);
  const out = Array.from(fragment.childNodes);
  if (walk.cut) {
    const note = document.createElement('p');
    note.className = 'cut-note';
    note.textContent = '… (cut: too large to show here)';
    out.push(note);
  }
  return out;
}

/** A summary written in HTML (Buildkite's body_html), as a `.markdown` container like Markdown ones. */
export function renderHtml(source: string, host: Host): HTMLElement {
  const container = document.createElement('div');
  container.className = 'markdown rich';
  container.append(...sanitizeHtml([source], host));
  return container;
}
