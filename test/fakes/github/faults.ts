/** Queued failures for the next N requests matching a route ("GET /repos/{owner}/{repo}/actions/runs" or "*"). */

export interface Fault {
  /** Route key as in stats, or "*" for any request. */
  readonly route: string;
  /** Respond with this status instead of the real answer. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body for `status` (default: a GitHub-style { message }). */
  readonly body?: unknown;
  /** Raw body for `status` instead of JSON (HTML error pages, cut-off JSON); wins over `body`. */
  readonly text?: string;
  /** Content type of `text` (default text/plain). */
  readonly contentType?: string;
  /** Only requests with this method ("POST"), any route when `route` is "*". */
  readonly method?: string;
  /** Wait this long before answering (then answer normally unless status/drop is set). */
  readonly delayMs?: number;
  /** Destroy the socket after sending part of the response. */
  readonly drop?: boolean;
  /** Send a 200's headers and the start of a JSON body, then nothing more until the client gives up. */
  readonly stall?: boolean;
  /** How many matching requests this applies to (default 1). */
  readonly times?: number;
}

export class Faults {
  private readonly queue: { fault: Fault; left: number }[] = [];

  add(fault: Fault): void {
    this.queue.push({ fault, left: fault.times ?? 1 });
  }

  /** Takes the first fault matching the route (key "METHOD /path"), consuming one use. */
  take(route: string): Fault | undefined {
    const method = route.split(' ')[0];
    const index = this.queue.findIndex(({ fault }) => (fault.route === route || fault.route === '*') && (fault.method === undefined || fault.method === method));
    const entry = this.queue[index];
    if (!entry) {
      return undefined;
    }
    entry.left -= 1;
    if (entry.left <= 0) {
      this.queue.splice(index, 1);
    }
    return entry.fault;
  }

  get pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
  }
}
