/**
 * Fault injection: the next N requests matching a rule get a failure instead of the real answer.
 * Kinds: an HTTP status (401/403/404/410/422/429/5xx ...), an HTML page with 200, the real JSON
 * cut in half, a 200 of the wrong shape, headers then a stalled body, a reset connection, or the real
 * answer late and/or with other headers (`pass`, e.g. rate-limit figures another client caused).
 */

export type FaultKind = 'status' | 'html' | 'truncated' | 'wrongShape' | 'stall' | 'reset' | 'pass';

export interface FaultRule {
  /** Default: `status` when a status is given, otherwise `pass`. */
  readonly kind?: FaultKind;
  readonly method?: string;
  /** Route key ("GET /v2/organizations/{org}") or a RegExp / substring of the raw path. */
  readonly route?: string;
  readonly path?: string | RegExp;
  /** How many matching requests to affect (default 1). */
  readonly times?: number;
  /** For `status`. */
  readonly status?: number;
  /** JSON body for `status` and `wrongShape`. */
  readonly body?: unknown;
  /** Raw body for `status` instead of JSON (an HTML error page, cut-off JSON); wins over `body`. */
  readonly text?: string;
  /** Content type of `text` (default text/plain). */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait before answering (any kind). */
  readonly delayMs?: number;
}

export function faultKind(rule: FaultRule): FaultKind {
  return rule.kind ?? (rule.status === undefined ? 'pass' : 'status');
}

/** Kinds whose answer owes nothing to the real one: the route's handler does not run. */
export function replacesAnswer(kind: FaultKind): boolean {
  return kind === 'status' || kind === 'html' || kind === 'wrongShape' || kind === 'reset';
}

interface Active {
  readonly rule: FaultRule;
  remaining: number;
}

export class FaultInjector {
  private readonly active: Active[] = [];

  add(rule: FaultRule): void {
    this.active.push({ rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.active.length = 0;
  }

  get pending(): number {
    return this.active.length;
  }

  /** The first matching rule, consumed once. */
  take(method: string, route: string | undefined, path: string): FaultRule | undefined {
    const index = this.active.findIndex(({ rule }) => matches(rule, method, route, path));
    const found = this.active[index];
    if (found === undefined) {
      return undefined;
    }
    found.remaining -= 1;
    if (found.remaining <= 0) {
      this.active.splice(index, 1);
    }
    return found.rule;
  }
}

function matches(rule: FaultRule, method: string, route: string | undefined, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) {
    return false;
  }
  if (rule.route !== undefined && rule.route !== route) {
    return false;
  }
  if (rule.path === undefined) {
    return true;
  }
  return typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path);
}
