/**
 * Wraps a provider to count its calls in flight, so the benchmark can wait until every poll
 * started by a fake-clock timer has really finished its HTTP requests before moving time on.
 */
import type { CiProvider } from '../../src/core/ci/provider';

function isPromise(value: unknown): value is Promise<unknown> {
  return value instanceof Promise;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class InFlightTracker {
  private pending = 0;
  calls = 0;

  /** The same provider, with every promise-returning method counted while it runs. */
  wrap(provider: CiProvider): CiProvider {
    return new Proxy(provider, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') {
          return value;
        }
        return (...args: unknown[]): unknown => {
          const result: unknown = Reflect.apply(value, target, args);
          return isPromise(result) ? this.track(result) : result;
        };
      },
    });
  }

  /** Resolves once no call has been in flight for `quietTurns` consecutive event-loop turns. */
  async settled(quietTurns = 3): Promise<void> {
    let quiet = 0;
    while (quiet < quietTurns) {
      await nextTurn();
      quiet = this.pending === 0 ? quiet + 1 : 0;
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending += 1;
    this.calls += 1;
    return promise.finally(() => {
      this.pending -= 1;
    });
  }
}
