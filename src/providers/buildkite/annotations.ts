/**
 * Build annotations as checks: one Check per annotation (context = name, style = state), its
 * rendered HTML as the summary, and the `path:line[:col]` references in its text as Annotation
 * objects for the Problems panel. Pure.
 */
import type { Annotation, AnnotationLevel, Check, RunState } from '../../core/model';
import { asRecord, str } from '../http';

/** A Check whose summary is HTML (Buildkite renders annotation Markdown to HTML). */
export interface BuildkiteCheck extends Check {
  readonly summaryFormat: 'html';
}

const STATE: Readonly<Record<string, RunState>> = { error: 'failure', warning: 'neutral', info: 'neutral', success: 'success' };
const LEVEL: Readonly<Record<string, AnnotationLevel>> = { error: 'failure', warning: 'warning' };

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Visible text of annotation HTML, one line per block element. Not a sanitizer: text only. */
export function htmlText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6]|pre|ul|ol|table|summary|details)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

// A relative path with an extension, then :line and optionally :column; not part of a URL (no "//" before it).
const REFERENCE = /(?<![\w/.:-])((?:\.{0,2}\/)?(?:[\w@.-]+\/)*[\w@-][\w@.-]*\.[A-Za-z][A-Za-z0-9]{0,7}):(\d{1,7})(?::(\d{1,5}))?(?![\w/])/g;

/** The `path:line[:col]` references of an annotation's text, with their line as the message. */
export function parseReferences(bodyHtml: string, style: string, context: string): Annotation[] {
  const out: Annotation[] = [];
  const level = LEVEL[style] ?? 'notice';
  for (const rawLine of htmlText(bodyHtml).split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    REFERENCE.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = REFERENCE.exec(line)) !== null) {
      const path = (match[1] ?? '').replace(/^\.\//, '');
      const startLine = Number(match[2]);
      if (startLine < 1 || path.startsWith('/') || path.includes('..')) continue;
      // "path:line what went wrong" -> the rest; a reference inside a sentence keeps the sentence.
      const rest = match.index === 0 ? line.slice(match[0].length).replace(/^[\s:—–-]+/, '').trim() : line;
      const message = rest === '' ? context : rest;
      out.push({ path, startLine, endLine: startLine, ...(match[3] !== undefined ? { startColumn: Number(match[3]) } : {}), level, title: context, message });
    }
  }
  return out;
}

export interface MappedAnnotation {
  readonly check: BuildkiteCheck;
  readonly annotations: readonly Annotation[];
}

export function mapAnnotation(body: unknown, buildNumber: string, buildWebUrl: string | undefined): MappedAnnotation {
  const a = asRecord(body);
  const style = str(a, 'style') ?? 'info';
  const context = str(a, 'context') ?? 'default';
  const html = str(a, 'body_html') ?? '';
  const annotations = parseReferences(html, style, context);
  const check: BuildkiteCheck = {
    id: `${buildNumber}/${str(a, 'id') ?? context}`,
    name: context,
    state: STATE[style] ?? 'neutral',
    rawStatus: style,
    title: context,
    summary: html,
    summaryFormat: 'html',
    annotationsCount: annotations.length,
    ...(buildWebUrl !== undefined ? { webUrl: buildWebUrl } : {}),
  };
  return { check, annotations };
}
