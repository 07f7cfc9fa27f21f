/**
 * Feeds log text to the model in slices: the first slice at once, so the first screen paints
 * in milliseconds whatever the log's size, the rest in later tasks of about TASK_BUDGET_MS each,
 * so the page stays responsive (no long task) while a 10 MB log is parsed, whatever its shape.
 * Appending sliced text gives the same model as one append.
 */

/** Characters parsed per slice (about 500 to 1,500 typical log lines). */
export const SLICE_CHARS = 64 * 1024;
/** Milliseconds of parsing per task before the page gets the main thread back. */
export const TASK_BUDGET_MS = 16;

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
    private readonly budgetMs = TASK_BUDGET_MS,
    private readonly now: () => number = () => performance.now(),
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
      this.run(0);
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

  /** Parses one slice, then more while the task is within `budget` milliseconds. */
  private run(budget: number): void {
    this.timer = undefined;
    const started = this.now();
    do {
      const next = this.queue.shift();
      if (next === undefined) {
        break;
      }
      this.target.append(next);
    } while (this.now() - started < budget);
    if (this.queue.length === 0 && this.complete) {
      this.complete = false;
      this.target.finish();
    }
    this.target.progressed();
    if (this.queue.length > 0) {
      this.timer = setTimeout(() => this.run(this.budgetMs), 0);
    }
  }
}
