/** Fault injection: the next N requests matching a rule get a canned failure. */

export interface FaultRule {
  readonly method?: string;
  /** Matched against the decoded path below /api/v4 (substring or RegExp). */
  readonly path?: string | RegExp;
  /** How many matching requests to affect (default 1). */
  readonly times?: number;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Raw text body (wins over `body`), e.g. a trace that ignores Range. */
  readonly text?: string;
  /** Wait this long before answering (or before dropping). */
  readonly delayMs?: number;
  /** Destroy the socket without answering. */
  readonly drop?: boolean;
  /** Send a 200's headers and the start of a JSON body, then nothing more until the client gives up. */
  readonly stall?: boolean;
}

interface ActiveFault {
  readonly rule: FaultRule;
  remaining: number;
}

export class FaultInjector {
  private readonly faults: ActiveFault[] = [];

  add(rule: FaultRule): void {
    this.faults.push({ rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** The first matching fault, consumed once. */
  take(method: string, path: string): FaultRule | undefined {
    const index = this.faults.findIndex(({ rule }) => matches(rule, method, path));
    const fault = index >= 0 ? this.faults[index] : undefined;
    if (!fault) {
      return undefined;
    }
    fault.remaining -= 1;
    if (fault.remaining <= 0) {
      this.faults.splice(index, 1);
    }
    return fault.rule;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) {
    return false;
  }
  if (rule.path === undefined) {
    return true;
  }
  return typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path);
}
