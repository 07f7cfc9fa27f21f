/**
 * The lines of one job log, built incrementally: only text appended since the last call
 * is parsed, and a partial last line waits for its newline, so any split of the input
 * yields the same model as parsing it in one go. Holds plain text for search and copy,
 * the raw ANSI text only for lines that have escapes, folds (GitHub groups, GitLab
 * sections, Buildkite `---`/`+++`/`~~~` groups) and the index of visible lines. Pure: no DOM.
 */
import { DEFAULT_STYLE, isDefaultStyle, scanAnsi, type AnsiStyle } from './ansi';
import { classifyLine, hasBuildkiteMarker, LineKind, type LineEvent } from './logLine';
import { markedKind, NO_MARKERS, type LineMarkers } from './logMarkers';

export interface Fold {
  readonly index: number;
  readonly kind: 'group' | 'section';
  readonly name: string;
  /** Header line. */
  readonly start: number;
  /** Exclusive end line; -1 while the fold is still open. */
  end: number;
  readonly depth: number;
  readonly parent: number;
  collapsed: boolean;
  /** Set once the user toggled it: automatic expansion then leaves it alone. */
  userToggled: boolean;
}

/** A growable column of small integers (a typed array doubled when full). */
class Column {
  private data: Uint8Array | Int32Array;
  length = 0;
  constructor(private readonly make: (size: number) => Uint8Array | Int32Array) {
    this.data = make(1024);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  get(i: number): number {
    return this.data[i] ?? 0;
  }
}

export class LogModel {
  private texts: string[] = [];
  private raws: (string | undefined)[] = [];
  private stamps: string[] = [];
  private kinds = new Column((size) => new Uint8Array(size));
  /** Per line, 1 + the index of the innermost fold open when it was added (0: none): the fold containing it. */
  private enclosing = new Column((size) => new Int32Array(size));
  private styles = new Map<number, AnsiStyle>();
  private style: AnsiStyle = DEFAULT_STYLE;
  /** Text after the last newline so far, in the pieces it came in (joined once its newline comes). */
  private pending: string[] = [];
  private openFolds: number[] = [];
  /** Positions in openFolds of the open groups, and of the open sections by name, innermost last. */
  private openGroups: number[] = [];
  private openSections = new Map<string, number[]>();
  /** How many of the outermost open folds an error already expanded. */
  private expandedDepth = 0;
  private readonly events: LineEvent[] = [];
  private foldByHeader = new Map<number, number>();
  private visibleLines = new Int32Array(0);
  private visibleCount = 0;
  private visibleDirty = true;
  /** Set by the first Buildkite timestamp marker: from then on `--- ` lines are group headers. */
  private buildkite = false;
  readonly folds: Fold[] = [];
  /** Indices of error lines, ascending. */
  readonly errors: number[] = [];
  readonly warnings: number[] = [];
  /** Bumped on every change, so views know when to re-render. */
  version = 0;
  complete = false;

  /** `markers`: error and warning shapes of plain lines (the provider's and the common ones, see logMarkers.ts). */
  constructor(private readonly markers: LineMarkers = NO_MARKERS) {}

  get lineCount(): number {
    return this.texts.length;
  }

  /** Adds raw log text. Returns the number of lines added. */
  append(chunk: string): number {
    const before = this.texts.length;
    if (chunk === '') {
      return 0;
    }
    // Only the new chunk is searched: a line longer than many chunks costs its length once, not once per chunk.
    const newline = chunk.lastIndexOf('\n');
    if (newline < 0) {
      this.pending.push(chunk);
      return 0;
    }
    const data = this.pending.length === 0 ? chunk : this.pending.join('') + chunk;
    const lastNewline = data.length - chunk.length + newline;
    const rest = chunk.slice(newline + 1);
    this.pending = rest === '' ? [] : [rest];
    let start = 0;
    while (start <= lastNewline) {
      const end = data.indexOf('\n', start);
      this.addRawLine(data.slice(start, end));
      start = end + 1;
    }
    return this.changed(before);
  }

  /** Flushes a last line without newline (the log is complete). */
  finish(): number {
    const before = this.texts.length;
    this.complete = true;
    if (this.pending.length > 0) {
      const last = this.pending.join('');
      this.pending = [];
      if (last !== '') this.addRawLine(last);
    }
    for (const index of this.openFolds) {
      const fold = this.folds[index];
      if (fold !== undefined) fold.end = this.texts.length;
    }
    this.openFolds = [];
    this.openGroups = [];
    this.openSections.clear();
    this.expandedDepth = 0;
    return this.changed(before);
  }

  text(line: number): string {
    return this.texts[line] ?? '';
  }
  /** Raw text with ANSI escapes, only for lines that had any. */
  raw(line: number): string | undefined {
    return this.raws[line];
  }
  startStyle(line: number): AnsiStyle {
    return this.styles.get(line) ?? DEFAULT_STYLE;
  }
  kind(line: number): LineKind {
    return this.kinds.get(line) as LineKind;
  }
  timestamp(line: number): string {
    return this.stamps[line] ?? '';
  }
  foldAtHeader(line: number): Fold | undefined {
    const index = this.foldByHeader.get(line);
    return index === undefined ? undefined : this.folds[index];
  }

  /**
   * The innermost fold containing `line` (its header included), if any: the innermost fold open
   * when the line was added (folds close only after their lines), so O(1) at any nesting depth.
   */
  foldContaining(line: number): Fold | undefined {
    return line >= 0 && line < this.enclosing.length ? this.folds[this.enclosing.get(line) - 1] : undefined;
  }

  setCollapsed(fold: Fold, collapsed: boolean, byUser = true): void {
    if (fold.collapsed !== collapsed) {
      fold.collapsed = collapsed;
      this.visibleDirty = true;
      this.version++;
    }
    fold.userToggled ||= byUser;
  }

  setAllCollapsed(collapsed: boolean): void {
    for (const fold of this.folds) this.setCollapsed(fold, collapsed);
  }

  /** Expands every fold around `line` so it becomes visible. */
  reveal(line: number): void {
    let fold = this.foldContaining(line);
    while (fold !== undefined) {
      if (fold.start !== line) this.setCollapsed(fold, false, false);
      fold = this.folds[fold.parent];
    }
  }

  /** Line indices currently visible (folds applied); valid until the next change. */
  visible(): { readonly lines: Int32Array; readonly count: number } {
    if (this.visibleDirty) this.rebuildVisible();
    return { lines: this.visibleLines, count: this.visibleCount };
  }

  /** Position of `line` among visible lines, or of the closest visible line before it. */
  visibleIndexOf(line: number): number {
    const { lines, count } = this.visible();
    let lo = 0;
    let hi = count - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((lines[mid] ?? 0) <= line) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  private changed(before: number): number {
    const added = this.texts.length - before;
    if (added > 0) {
      this.visibleDirty = true;
    }
    this.version++;
    return added;
  }

  private rebuildVisible(): void {
    const total = this.texts.length;
    if (this.visibleLines.length < total) this.visibleLines = new Int32Array(Math.max(total, this.visibleLines.length * 2, 1024));
    let count = 0;
    let line = 0;
    while (line < total) {
      this.visibleLines[count++] = line;
      const fold = this.foldAtHeader(line);
      if (fold !== undefined && fold.collapsed) {
        line = fold.end === -1 ? total : Math.max(line + 1, fold.end);
      } else {
        line++;
      }
    }
    this.visibleCount = count;
    this.visibleDirty = false;
  }

  private addRawLine(raw: string): void {
    this.events.length = 0;
    this.buildkite ||= hasBuildkiteMarker(raw);
    classifyLine(raw, this.events, { buildkite: this.buildkite });
    for (const event of this.events) {
      switch (event.t) {
        case 'line':
          this.pushLine(event.content, event.kind, event.timestamp);
          break;
        case 'groupStart':
          // GitHub groups do not nest: a new group closes an open one.
          this.closeFold(this.openGroups);
          this.openFold('group', '', event.title, event.timestamp, true);
          break;
        case 'groupEnd':
          this.closeFold(this.openGroups);
          break;
        case 'sectionStart':
          this.openFold('section', event.name, event.title === '' ? event.name : event.title, event.timestamp, event.collapsed);
          break;
        case 'sectionEnd':
          this.closeFold(this.openSections.get(event.name));
          break;
        case 'bkGroup':
          // Buildkite groups do not nest: each header ends the one before.
          this.closeFold(this.openGroups);
          this.openFold('group', '', event.title, event.timestamp, event.collapsed);
          break;
        case 'bkExpand':
          this.expandCurrentGroup();
          break;
      }
    }
  }

  private pushLine(content: string, given: LineKind, timestamp: string): void {
    const line = this.texts.length;
    if (!isDefaultStyle(this.style)) this.styles.set(line, this.style);
    let text: string;
    if (content.includes('\x1b')) {
      const parsed = scanAnsi(content, this.style);
      text = parsed.text;
      this.raws.push(content);
      this.style = parsed.end;
    } else {
      text = scanAnsi(content).text;
      this.raws.push(undefined);
    }
    this.texts.push(text);
    const kind = given === LineKind.normal ? markedKind(text, this.markers) : given;
    this.stamps.push(timestamp);
    this.kinds.push(kind);
    this.enclosing.push((this.openFolds[this.openFolds.length - 1] ?? -1) + 1);
    if (kind === LineKind.error) {
      this.errors.push(line);
      this.expandOpenFolds();
    } else if (kind === LineKind.warning) {
      this.warnings.push(line);
    }
  }

  /** Buildkite `^^^ +++`: the group being written opens, unless the user folded it by hand. */
  private expandCurrentGroup(): void {
    const fold = this.folds[this.openFolds[this.openGroups[this.openGroups.length - 1] ?? -1] ?? -1];
    if (fold !== undefined && !fold.userToggled) this.setCollapsed(fold, false, false);
  }

  /**
   * Errors are never hidden by a default-collapsed fold. The open folds below `expandedDepth`
   * were expanded by an earlier error and stay so (only the user folds them again, and then
   * they are left alone), so each fold is visited once: linear for any nesting and error density.
   */
  private expandOpenFolds(): void {
    for (let i = this.expandedDepth; i < this.openFolds.length; i++) {
      const fold = this.folds[this.openFolds[i] ?? -1];
      if (fold !== undefined && !fold.userToggled) this.setCollapsed(fold, false, false);
    }
    this.expandedDepth = this.openFolds.length;
  }

  private openFold(kind: Fold['kind'], name: string, title: string, timestamp: string, collapsed: boolean): void {
    const start = this.texts.length;
    const index = this.folds.length;
    const parent = this.openFolds[this.openFolds.length - 1] ?? -1;
    this.folds.push({ index, kind, name, start, end: -1, depth: this.openFolds.length, parent, collapsed, userToggled: false });
    this.foldByHeader.set(start, index);
    if (kind === 'group') {
      this.openGroups.push(this.openFolds.length);
    } else {
      const sameName = this.openSections.get(name);
      if (sameName === undefined) this.openSections.set(name, [this.openFolds.length]);
      else sameName.push(this.openFolds.length);
    }
    this.openFolds.push(index);
    this.pushLine(title, LineKind.header, timestamp);
  }

  /**
   * Closes the innermost open fold of `stack` (openGroups, or the open sections of one name) and
   * the folds opened inside it. Each closed fold leaves its own stack from the top, so closing
   * costs the folds it closes: linear for any nesting, and an end marker nothing opened costs nothing.
   */
  private closeFold(stack: readonly number[] | undefined): void {
    const position = stack?.[stack.length - 1];
    if (position === undefined) return;
    this.expandedDepth = Math.min(this.expandedDepth, position);
    const closed = this.openFolds.splice(position);
    for (let i = closed.length - 1; i >= 0; i--) {
      const closing = this.folds[closed[i] ?? -1];
      if (closing === undefined) continue;
      closing.end = this.texts.length;
      if (closing.kind === 'group') {
        this.openGroups.pop();
      } else {
        const sameName = this.openSections.get(closing.name);
        sameName?.pop();
        if (sameName?.length === 0) this.openSections.delete(closing.name);
      }
    }
    this.visibleDirty = true;
  }
}
