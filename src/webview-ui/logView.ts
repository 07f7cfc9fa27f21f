/**
 * The log viewer: toolbar (search, toggles, jump to error, copy), sticky group header and
 * the virtualized lines of one job's log.
 */
import { button, h, type Host } from './dom';
import { LogIngest } from './logIngest';
import { compileMarkers, type LineMarkers } from './logMarkers';
import { LogModel } from './logModel';
import type { LogMarkerView } from '../shared/protocol';
import { renderRow, rowLinks, type RowContext } from './logRow';
import { LogSearch, MAX_MATCHES, type Match } from './search';
import { milestone } from './timing';
import { VirtualList } from './virtualList';

export const ROW_HEIGHT = 18;

export class LogView {
  /** Set by the app: opens the selected job's raw log through the host. */
  onOpenRaw: (() => void) | undefined;
  readonly element: HTMLElement;
  private markers: LineMarkers = compileMarkers([]);
  model = new LogModel(this.markers);
  private search = new LogSearch((line) => this.model.text(line));
  private readonly list: VirtualList;
  private readonly sticky: HTMLElement;
  private readonly status: HTMLElement;
  private readonly count: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly caseToggle: HTMLInputElement;
  private readonly regexToggle: HTMLInputElement;
  private readonly timeToggle: HTMLInputElement;
  private selection: { anchor: number; focus: number } | undefined;
  private pendingTopLine: number | undefined;
  private frame = 0;
  /** The current log's first lines are in the DOM. */
  private painted = false;
  private readonly ingest = new LogIngest({
    append: (text) => this.model.append(text),
    finish: () => {
      this.model.finish();
      this.element.dataset.loaded = 'true';
    },
    progressed: () => {
      this.search.extend(this.model.lineCount);
      if (this.painted || this.model.lineCount === 0) {
        this.schedule();
        return;
      }
      // The first lines of a log go into the DOM now, for the coming frame, not two frames later.
      this.painted = true;
      this.flush();
      milestone('firstLine');
    },
  });

  constructor(private readonly host: Host) {
    const saved = host.state();
    this.input = h('input', { className: 'search', attrs: { type: 'search', placeholder: 'Search log (/)', 'aria-label': 'Search log', spellcheck: 'false' } });
    this.input.value = saved.searchText ?? '';
    this.caseToggle = this.checkbox('Aa', 'Match case', saved.caseSensitive ?? false);
    this.regexToggle = this.checkbox('.*', 'Use regular expression', saved.regex ?? false);
    this.timeToggle = this.checkbox('Timestamps', 'Show timestamps', saved.showTimestamps ?? false);
    this.count = h('span', { className: 'count', attrs: { 'aria-live': 'polite' } });
    const toolbar = h('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Log tools' } }, [
      this.input,
      this.caseToggle.parentElement ?? undefined,
      this.regexToggle.parentElement ?? undefined,
      this.count,
      button('Previous match (Shift+F3)', 'arrow-up', () => this.goto(this.search.prev())),
      button('Next match (F3)', 'arrow-down', () => this.goto(this.search.next())),
      button('Jump to first error', 'error', () => this.jumpToError()),
      button('Expand all groups', 'expand-all', () => this.setAllCollapsed(false)),
      button('Collapse all groups', 'collapse-all', () => this.setAllCollapsed(true)),
      button('Copy selected lines', 'copy', () => this.copySelection()),
      button('Follow the end of the log', 'fold-down', () => this.list.scrollToEnd()),
      button('Open the raw log in an editor', 'go-to-file', () => this.onOpenRaw?.()),
      this.timeToggle.parentElement ?? undefined,
    ]);
    this.status = h('div', { className: 'log-status', attrs: { role: 'status' } });
    this.sticky = h('div', { className: 'sticky', attrs: { role: 'button', tabindex: '0' } });
    const body = h('div', { className: 'log-body' }, [this.sticky]);
    this.element = h('section', { className: 'log-view', attrs: { 'aria-label': 'Job log' } }, [toolbar, this.status, body]);
    this.list = new VirtualList(body, ROW_HEIGHT, (row, index) => this.renderIndex(row, index), 'Log lines');
    this.list.onScrolled = () => this.onScrolled();
    this.wire();
  }

  private checkbox(label: string, title: string, checked: boolean): HTMLInputElement {
    const input = h('input', { attrs: { type: 'checkbox', 'aria-label': title } });
    input.checked = checked;
    h('label', { className: 'toggle', title }, [input, h('span', { text: label })]);
    input.addEventListener('change', () => this.onToggles());
    return input;
  }

  /** The run's provider's error and warning shapes (validated), for the logs shown from now on. */
  setMarkers(provider: readonly LogMarkerView[]): void {
    this.markers = compileMarkers(provider);
  }

  /** Starts a new log (another job, or a replaced one). */
  reset(message = ''): void {
    this.ingest.cancel();
    this.element.dataset.loaded = 'false';
    this.model = new LogModel(this.markers);
    this.painted = false;
    this.search = new LogSearch((line) => this.model.text(line));
    this.selection = undefined;
    this.list.follow = true;
    this.setStatus(message);
    this.runSearch();
    this.refresh();
  }

  /** Restores the scroll position once the log has that many lines. */
  restoreTopLine(line: number | undefined): void {
    this.pendingTopLine = line;
  }

  setStatus(message: string, kind: 'info' | 'error' = 'info'): void {
    this.status.textContent = message;
    this.status.className = `log-status ${kind}`;
    this.status.hidden = message === '';
  }

  append(chunk: string, complete: boolean): void {
    this.ingest.push(chunk, complete);
  }

  /** Renders now instead of on the next frame (benchmarks). */
  flush(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.refresh();
    this.list.flush();
  }

  focusSearch(): void {
    this.input.focus();
    this.input.select();
  }

  private schedule(): void {
    if (this.frame === 0) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.refresh();
      });
    }
  }

  private refresh(): void {
    const { count } = this.model.visible();
    this.list.setCount(count);
    this.list.invalidate();
    this.updateCount();
    const top = this.pendingTopLine;
    if (top !== undefined && (this.model.complete || this.model.lineCount > top)) {
      this.pendingTopLine = undefined;
      this.list.scrollToIndex(this.model.visibleIndexOf(top), 'top');
    }
    this.onScrolled();
  }

  private context(): RowContext {
    const selection = this.selection;
    const low = selection === undefined ? -1 : Math.min(selection.anchor, selection.focus);
    const high = selection === undefined ? -1 : Math.max(selection.anchor, selection.focus);
    return {
      model: this.model,
      showTimestamps: this.timeToggle.checked,
      matches: (line) => (this.search.matches.length === 0 ? [] : this.search.inLine(line)),
      currentMatch: this.search.matches[this.search.current],
      isSelected: (line) => line >= low && line <= high,
    };
  }

  private renderIndex(row: HTMLElement, index: number): void {
    const line = this.model.visible().lines[index] ?? 0;
    renderRow(row, line, this.context());
  }

  private wire(): void {
    this.input.addEventListener('input', () => this.runSearch());
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.goto(event.shiftKey ? this.search.prev() : this.search.next());
      } else if (event.key === 'Escape') {
        this.input.value = '';
        this.runSearch();
        this.list.scroller.focus();
      }
    });
    this.sticky.addEventListener('click', () => this.stickyClicked());
    this.sticky.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.stickyClicked();
      }
    });
    this.list.scroller.addEventListener('click', (event) => this.rowClicked(event));
    this.list.scroller.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'c' && this.selection !== undefined && (document.getSelection()?.isCollapsed ?? true)) {
        event.preventDefault();
        this.copySelection();
      }
    });
  }

  private rowClicked(event: MouseEvent): void {
    const target = event.target instanceof HTMLElement ? event.target : undefined;
    const row = target?.closest<HTMLElement>('.row');
    if (target === undefined || row === null || row === undefined) return;
    const line = Number(row.dataset.line);
    if (!Number.isInteger(line)) return;
    if (target.classList.contains('ln')) {
      this.selection = event.shiftKey && this.selection !== undefined ? { anchor: this.selection.anchor, focus: line } : { anchor: line, focus: line };
      this.list.invalidate();
      return;
    }
    const fold = this.model.foldAtHeader(line);
    if (fold !== undefined && (target.classList.contains('fold') || row.classList.contains('k-header'))) {
      this.model.setCollapsed(fold, !fold.collapsed);
      this.refresh();
      return;
    }
    const linkElement = target.closest<HTMLElement>('[data-link]');
    const textElement = linkElement?.closest<HTMLElement>('.txt');
    const link = textElement === null || textElement === undefined ? undefined : rowLinks.get(textElement)?.[Number(linkElement?.dataset.link)];
    if (link?.t === 'url') this.host.post({ type: 'openExternal', url: link.url });
    else if (link?.t === 'file') this.host.post(link.column === undefined ? { type: 'openFile', path: link.path, line: link.line } : { type: 'openFile', path: link.path, line: link.line, column: link.column });
  }

  private stickyClicked(): void {
    const line = Number(this.sticky.dataset.line);
    if (Number.isInteger(line)) this.list.scrollToIndex(this.model.visibleIndexOf(line), 'top');
  }

  private onScrolled(): void {
    const first = this.model.visible().lines[this.list.firstVisible()];
    const fold = first === undefined ? undefined : this.model.foldContaining(first);
    const show = fold !== undefined && fold.start !== first;
    this.sticky.hidden = !show;
    if (show) {
      this.sticky.textContent = `▾ ${this.model.text(fold.start)}`;
      this.sticky.dataset.line = String(fold.start);
      this.sticky.setAttribute('aria-label', `Group ${this.model.text(fold.start)}: scroll to its start`);
    }
    if (first !== undefined) this.host.saveState({ topLine: first });
  }

  private onToggles(): void {
    this.host.saveState({ caseSensitive: this.caseToggle.checked, regex: this.regexToggle.checked, showTimestamps: this.timeToggle.checked });
    this.runSearch();
  }

  private runSearch(): void {
    this.search.set({ text: this.input.value, caseSensitive: this.caseToggle.checked, regex: this.regexToggle.checked }, this.model.lineCount);
    this.host.saveState({ searchText: this.input.value });
    this.updateCount();
    const first = this.search.seek(this.model.visible().lines[this.list.firstVisible()] ?? 0);
    if (first !== undefined) this.goto(first);
    else this.list.invalidate();
  }

  private updateCount(): void {
    const total = this.search.matches.length;
    this.input.classList.toggle('invalid', this.search.error !== undefined);
    this.input.setAttribute('aria-invalid', String(this.search.error !== undefined));
    if (this.search.error !== undefined) this.count.textContent = `Invalid regex: ${this.search.error}`;
    else if (this.input.value === '') this.count.textContent = '';
    else if (total === 0) this.count.textContent = 'No results';
    else this.count.textContent = `${this.search.current + 1} of ${total}${total >= MAX_MATCHES ? '+' : ''}`;
  }

  /** Scrolls to a match, expanding the folds around it. */
  goto(match: Match | undefined): void {
    if (match === undefined) return;
    this.model.reveal(match.line);
    this.refresh();
    this.list.reveal(this.model.visibleIndexOf(match.line));
  }

  jumpToError(): void {
    const line = this.model.errors[0];
    if (line === undefined) {
      this.setStatus('No errors in this log.');
      return;
    }
    this.model.reveal(line);
    this.selection = { anchor: line, focus: line };
    this.refresh();
    this.list.scrollToIndex(this.model.visibleIndexOf(line));
  }

  private setAllCollapsed(collapsed: boolean): void {
    this.model.setAllCollapsed(collapsed);
    this.refresh();
  }

  private copySelection(): void {
    if (this.selection === undefined) {
      this.setStatus('Click a line number (Shift+click for a range) to select lines to copy.');
      return;
    }
    const low = Math.min(this.selection.anchor, this.selection.focus);
    const high = Math.max(this.selection.anchor, this.selection.focus);
    const lines: string[] = [];
    for (let line = low; line <= high; line++) lines.push(this.model.text(line));
    this.host.post({ type: 'copy', text: lines.join('\n') });
  }

  /** Keyboard shortcuts that apply anywhere in the panel. */
  handleGlobalKey(event: KeyboardEvent): boolean {
    if ((event.key === '/' && !(event.target instanceof HTMLInputElement)) || ((event.ctrlKey || event.metaKey) && event.key === 'f')) {
      this.focusSearch();
      return true;
    }
    if (event.key === 'F3') {
      this.goto(event.shiftKey ? this.search.prev() : this.search.next());
      return true;
    }
    return false;
  }
}
