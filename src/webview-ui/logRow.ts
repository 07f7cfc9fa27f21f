/**
 * Renders one log line into a row element: line number, fold toggle, timestamp and the
 * text with ANSI styles, search highlights and links. Text goes in with textContent only.
 */
import { parseAnsi, type AnsiSpan } from './ansi';
import { cssForStyle } from './ansiCss';
import { splitLinks, type LinkPart } from './links';
import type { LogModel } from './logModel';
import { LineKind } from './logLine';
import type { Match } from './search';

export interface RowContext {
  readonly model: LogModel;
  readonly showTimestamps: boolean;
  readonly matches: (line: number) => readonly Match[];
  readonly currentMatch: Match | undefined;
  readonly isSelected: (line: number) => boolean;
}

/** Links found in the rendered row, looked up by the click handler via data-link. */
export const rowLinks = new WeakMap<HTMLElement, readonly LinkPart[]>();

const KIND_CLASS: Readonly<Record<number, string>> = {
  [LineKind.error]: 'k-error',
  [LineKind.warning]: 'k-warning',
  [LineKind.notice]: 'k-notice',
  [LineKind.debug]: 'k-debug',
  [LineKind.command]: 'k-command',
  [LineKind.header]: 'k-header',
};
const KIND_LABEL: Readonly<Record<number, string>> = {
  [LineKind.error]: 'Error',
  [LineKind.warning]: 'Warning',
  [LineKind.notice]: 'Notice',
};

/** Very long lines are cut for display (copy and search still see the full text). */
const MAX_RENDERED = 10_000;
/** Nesting levels shown as indentation; deeper folds line up with the last level (a 30k-deep log stays readable). */
export const MAX_INDENT = 12;

function spansOf(model: LogModel, line: number): readonly AnsiSpan[] {
  const raw = model.raw(line);
  if (raw !== undefined) return parseAnsi(raw, model.startStyle(line)).spans;
  const text = model.text(line);
  return text === '' ? [] : [{ text, style: model.startStyle(line) }];
}

function boundaries(spans: readonly AnsiSpan[], matches: readonly Match[], links: readonly LinkPart[], limit: number): number[] {
  const points = new Set<number>([0, limit]);
  let at = 0;
  for (const span of spans) points.add(Math.min((at += span.text.length), limit));
  for (const match of matches) {
    points.add(Math.min(match.start, limit));
    points.add(Math.min(match.end, limit));
  }
  at = 0;
  for (const link of links) points.add(Math.min((at += link.text.length), limit));
  return [...points].sort((a, b) => a - b);
}

function renderText(target: HTMLElement, line: number, context: RowContext): void {
  const text = context.model.text(line);
  const spans = spansOf(context.model, line);
  const matches = context.matches(line);
  const links = splitLinks(text);
  const limit = Math.min(text.length, MAX_RENDERED);
  const hasLinks = links.length > 1 || links[0]?.t !== 'text';
  if (spans.length <= 1 && matches.length === 0 && !hasLinks) {
    const span = spans[0];
    target.textContent = limit < text.length ? `${text.slice(0, limit)}…` : text;
    if (span !== undefined) applyStyle(target, span);
    return;
  }
  const points = boundaries(spans, matches, links, limit);
  let spanIndex = 0;
  let spanEnd = spans[0]?.text.length ?? 0;
  let linkIndex = 0;
  let linkEnd = links[0]?.text.length ?? 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] ?? 0;
    const to = points[i + 1] ?? 0;
    if (to <= from) continue;
    while (from >= spanEnd && spanIndex < spans.length - 1) spanEnd += spans[++spanIndex]?.text.length ?? 0;
    while (from >= linkEnd && linkIndex < links.length - 1) linkEnd += links[++linkIndex]?.text.length ?? 0;
    const piece = document.createElement('span');
    piece.textContent = text.slice(from, to);
    const span = spans[spanIndex];
    if (span !== undefined) applyStyle(piece, span);
    const match = matches.find((m) => m.start <= from && from < m.end);
    if (match !== undefined) piece.classList.add(match === context.currentMatch ? 'match-current' : 'match');
    const link = links[linkIndex];
    if (link !== undefined && link.t !== 'text') {
      piece.classList.add('link');
      piece.dataset.link = String(linkIndex);
      piece.title = link.t === 'url' ? link.url : `Open ${link.path}:${link.line}`;
    }
    target.append(piece);
  }
  if (limit < text.length) target.append('…');
  if (hasLinks) rowLinks.set(target, links);
}

function applyStyle(element: HTMLElement, span: AnsiSpan): void {
  const css = cssForStyle(span.style);
  if (css.className !== '') element.className += ` ${css.className}`;
  if (css.color !== undefined) element.style.color = css.color;
  if (css.background !== undefined) element.style.backgroundColor = css.background;
}

export function renderRow(row: HTMLElement, line: number, context: RowContext): void {
  const { model } = context;
  row.replaceChildren();
  row.className = `row ${KIND_CLASS[model.kind(line)] ?? ''}${context.isSelected(line) ? ' selected' : ''}`;
  row.dataset.line = String(line);
  const number = document.createElement('span');
  number.className = 'ln';
  number.textContent = String(line + 1);
  const fold = model.foldAtHeader(line);
  const toggle = document.createElement('span');
  toggle.className = 'fold';
  if (fold !== undefined) {
    toggle.textContent = fold.collapsed ? '▸' : '▾';
    toggle.setAttribute('aria-label', fold.collapsed ? 'Expand' : 'Collapse');
  }
  row.setAttribute('aria-expanded', fold === undefined ? '' : String(!fold.collapsed));
  if (fold === undefined) row.removeAttribute('aria-expanded');
  row.append(number, toggle);
  const indent = Math.min(MAX_INDENT, (model.foldContaining(line)?.depth ?? -1) + (fold === undefined ? 1 : 0));
  if (context.showTimestamps && model.timestamp(line) !== '') {
    const stamp = document.createElement('span');
    stamp.className = 'ts';
    stamp.textContent = model.timestamp(line).replace('T', ' ').slice(0, 23);
    row.append(stamp);
  }
  const label = KIND_LABEL[model.kind(line)];
  if (label !== undefined) {
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = label;
    row.append(badge);
  }
  const text = document.createElement('span');
  text.className = 'txt';
  if (indent > 0) text.style.paddingLeft = `${indent * 12}px`;
  renderText(text, line, context);
  row.append(text);
}
