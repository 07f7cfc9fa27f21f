/** Queued failures for the next N requests matching a route ("GET /repos/{owner}/{repo}/actions/runs" or "*"), on the kit's fault injector. */
import type { FaultInjector, FaultRule } from '../kit';

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
  /** Reset the connection instead of answering. */
  readonly drop?: boolean;
  /** Send the headers and the start of the body, then nothing more until the client gives up. */
  readonly stall?: boolean;
  /** How many matching requests this applies to (default 1). */
  readonly times?: number;
}

function kitRule({ route, drop, stall, body, ...rest }: Fault): FaultRule {
  const kind = drop === true ? 'reset' : stall === true ? 'stall' : undefined;
  const fallback = rest.status === undefined ? undefined : { message: `Fake fault ${rest.status}`, documentation_url: 'https://docs.github.com/rest' };
  return { ...rest, ...(route === '*' ? {} : { route }), ...(kind === undefined ? {} : { kind }), body: body ?? fallback };
}

export class Faults {
  constructor(private readonly injector: FaultInjector) {}

  add(fault: Fault): void {
    this.injector.add(kitRule(fault));
  }

  get pending(): number {
    return this.injector.pending;
  }

  clear(): void {
    this.injector.clear();
  }
}
