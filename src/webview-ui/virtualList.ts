/**
 * A virtualized list of fixed-height rows: only the rows in view (plus overscan) exist in
 * the DOM, so the node count does not depend on the number of items. Beyond what a browser
 * can scroll natively, scroll positions are scaled. Follows the end (auto-scroll) until the
 * user scrolls up, and again once they scroll back to the bottom.
 */

const OVERSCAN = 10;
/** Heights above this are scaled (Chromium caps element heights near 33.5M px). */
const MAX_SCROLL_PX = 8_000_000;

export type RowRenderer = (row: HTMLElement, index: number) => void;

export class VirtualList {
  readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly layer: HTMLElement;
  private readonly pool: HTMLElement[] = [];
  private readonly shown: number[] = [];
  private count = 0;
  private frame = 0;
  private lastScrollTop = 0;
  private programmatic = false;
  follow = true;
  onScrolled: (() => void) | undefined;

  constructor(
    parent: HTMLElement,
    private readonly rowHeight: number,
    private readonly render: RowRenderer,
    label: string,
  ) {
    this.scroller = document.createElement('div');
    this.scroller.className = 'vlist';
    this.scroller.tabIndex = 0;
    this.scroller.setAttribute('role', 'log');
    this.scroller.setAttribute('aria-label', label);
    this.spacer = document.createElement('div');
    this.spacer.className = 'vlist-spacer';
    this.layer = document.createElement('div');
    this.layer.className = 'vlist-layer';
    this.scroller.append(this.spacer, this.layer);
    parent.append(this.scroller);
    this.scroller.addEventListener('scroll', () => this.handleScroll(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
  }

  get length(): number {
    return this.count;
  }

  setCount(count: number): void {
    this.count = count;
    this.spacer.style.height = `${Math.min(count * this.rowHeight, MAX_SCROLL_PX)}px`;
    if (this.follow) this.scrollToEnd();
    this.schedule();
  }

  /** Re-renders every visible row on the next frame (content changed, not the count). */
  invalidate(): void {
    this.shown.fill(-1);
    this.schedule();
  }

  /** Index of the first row in view. */
  firstVisible(): number {
    return Math.min(Math.max(0, this.count - 1), Math.floor(this.realTop() / this.rowHeight));
  }

  scrollToIndex(index: number, position: 'top' | 'center' = 'center'): void {
    const viewport = this.scroller.clientHeight;
    let real = index * this.rowHeight;
    if (position === 'center') real -= Math.max(0, viewport / 2 - this.rowHeight);
    this.setRealTop(Math.max(0, real));
    this.follow = this.atEnd();
    this.schedule();
  }

  /** Ensures row `index` is in view, scrolling as little as possible. */
  reveal(index: number): void {
    const first = this.realTop() / this.rowHeight;
    const rows = this.scroller.clientHeight / this.rowHeight;
    if (index < first || index >= first + rows - 1) this.scrollToIndex(index);
  }

  scrollToEnd(): void {
    this.programmatic = true;
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.follow = true;
    this.schedule();
  }

  /** Renders synchronously (tests and benchmarks call this). */
  flush(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.paint();
  }

  private schedule(): void {
    if (this.frame === 0) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.paint();
      });
    }
  }

  private handleScroll(): void {
    const top = this.scroller.scrollTop;
    if (this.programmatic) {
      this.programmatic = false;
    } else if (top < this.lastScrollTop - 1) {
      this.follow = false;
    } else if (this.atEnd()) {
      this.follow = true;
    }
    this.lastScrollTop = top;
    this.schedule();
    this.onScrolled?.();
  }

  private atEnd(): boolean {
    return this.scroller.scrollTop + this.scroller.clientHeight >= this.scroller.scrollHeight - this.rowHeight;
  }

  /** Ratio between real content pixels and scrollable pixels (1 unless scaled). */
  private scale(): number {
    const viewport = this.scroller.clientHeight;
    const real = this.count * this.rowHeight - viewport;
    const scrollable = Math.min(this.count * this.rowHeight, MAX_SCROLL_PX) - viewport;
    return real > 0 && scrollable > 0 ? real / scrollable : 1;
  }

  private realTop(): number {
    return this.scroller.scrollTop * this.scale();
  }

  private setRealTop(real: number): void {
    this.programmatic = true;
    this.scroller.scrollTop = real / this.scale();
  }

  private paint(): void {
    const viewport = this.scroller.clientHeight || 600;
    const realTop = this.realTop();
    const first = Math.max(0, Math.floor(realTop / this.rowHeight) - OVERSCAN);
    const wanted = Math.min(this.count - first, Math.ceil(viewport / this.rowHeight) + 2 * OVERSCAN + 1);
    while (this.pool.length < wanted) {
      const row = document.createElement('div');
      row.className = 'row';
      this.layer.append(row);
      this.pool.push(row);
      this.shown.push(-1);
    }
    for (let slot = 0; slot < this.pool.length; slot++) {
      const row = this.pool[slot];
      if (row === undefined) continue;
      if (slot >= wanted) {
        // Retired: run.css gives `.row[hidden]` display none (`.row`'s display: flex would
        // otherwise override the attribute and paint stale rows below the end).
        row.hidden = true;
        this.shown[slot] = -1;
        continue;
      }
      row.hidden = false;
      const index = first + slot;
      if (this.shown[slot] !== index) {
        this.shown[slot] = index;
        this.render(row, index);
      }
    }
    // The layer sits where row `first` belongs in scrolled coordinates.
    const offset = this.scroller.scrollTop - (realTop - first * this.rowHeight);
    this.layer.style.transform = `translateY(${offset}px)`;
  }
}
