/**
 * One in-flight request shared by concurrent callers (the recent and branch lists of one poll).
 * Each caller passes its own AbortSignal: an aborted caller stops waiting at once with
 * CancelledError, and the request itself is aborted only when every caller has left.
 */
import { CancelledError } from '../../core/errors';

export class SharedProbe {
  private readonly controller = new AbortController();
  private readonly done: Promise<void>;
  private waiting = 0;
  private settled = false;

  /**
   * `onFinished` runs when the request settles and when every caller has abandoned it (it may
   * run twice), so the owner drops this instance and the next caller starts a new request.
   */
  constructor(run: (signal: AbortSignal) => Promise<void>, private readonly onFinished: () => void) {
    this.done = run(this.controller.signal).finally(() => {
      this.settled = true;
      this.onFinished();
    });
    // Rejections reach the callers through join(); an abandoned request must not go unhandled.
    this.done.catch(() => undefined);
  }

  join(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(new CancelledError());
    }
    this.waiting += 1;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.leave();
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.done.then(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        (error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private leave(): void {
    this.waiting -= 1;
    if (this.waiting === 0 && !this.settled) {
      this.controller.abort();
      this.onFinished();
    }
  }
}
