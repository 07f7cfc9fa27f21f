/**
 * Feeds log text to the model in slices: the first slice at once, so the first screen paints
 * in milliseconds whatever the log's size, the rest in later tasks so the page stays responsive
 * while a 10 MB log is parsed. Appending sliced text gives the same model as one append.
 */

/** Characters parsed per slice (about 2,000 typical log lines). */
export const SLICE_CHARS = 256 * 1024;

export interface IngestTarget {
  /** Parses one slice. */
  append(text: string): void;
  /** Called once every queued slice is parsed and the log is complete. */
  finish(): void;
  /** Called after each batch of slices (render, extend search). */
  progressed(): void;
}

export class LogIngest {
  private readonly queue: string[] = [];
  private complete = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly target: IngestTarget,
    private readonly slicesPerTask = 4,
  ) {}

  /** True while queued text waits to be parsed. */
  get busy(): boolean {
    return this.queue.length > 0;
  }

  push(text: string, complete: boolean): void {
    for (let start = 0; start < text.length; start += SLICE_CHARS) {
      this.queue.push(text.slice(start, start + SLICE_CHARS));
    }
    this.complete ||= complete;
    if (this.timer === undefined) {
      this.run(1);
    }
  }

  /** Drops queued text (the log was replaced). */
  cancel(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.timer = undefined;
    this.queue.length = 0;
    this.complete = false;
  }

  private run(slices: number): void {
    this.timer = undefined;
    for (let i = 0; i < slices; i++) {
      const next = this.queue.shift();
      if (next === undefined) {
        break;
      }
      this.target.append(next);
    }
    if (this.queue.length === 0 && this.complete) {
      this.complete = false;
      this.target.finish();
    }
    this.target.progressed();
    if (this.queue.length > 0) {
      this.timer = setTimeout(() => this.run(this.slicesPerTask), 0);
    }
  }
}
