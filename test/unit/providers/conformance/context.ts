/**
 * What every conformance case gets: a fresh fake and provider per test (beforeEach/afterEach in
 * suite.ts), and `caseIt`, which runs a case or skips it when the harness lists it as a known defect.
 */
import type { CiProvider } from '../../../../src/core/ci/provider';
import type { ConformanceHarness, FakeHandle } from './harness';

export interface CaseContext {
  readonly harness: ConformanceHarness;
  /** The running fake of the current test. */
  readonly fake: FakeHandle;
  /** A provider for the fake's account, made by the harness (short timeouts). */
  readonly provider: CiProvider;
  /** Titles of the cases defined so far (to check knownDefects names real cases). */
  readonly titles: Set<string>;
}

/** `it`, or `it.skip` with the tracking issue in the title when the harness marks the case as a known defect. */
export function caseIt(context: CaseContext, title: string, body: () => Promise<void> | void): void {
  context.titles.add(title);
  const defect = context.harness.knownDefects?.[title];
  if (defect === undefined) {
    it(title, body);
  } else {
    it.skip(`${title} [known defect: ${defect}]`, body);
  }
}

/** Settles `promise` or gives up after `ms`: 'timeout' when it did not settle in time. */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | { error: unknown } | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), limit]);
  } finally {
    clearTimeout(timer);
  }
}
