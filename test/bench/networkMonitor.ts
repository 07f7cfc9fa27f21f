/**
 * Counts outgoing network calls (fetch, http/https requests, net/tls connections) while
 * installed; calls still go through. Patches the real module objects, which bundled code shares.
 */
import { createRequire } from 'node:module';

type AnyFunction = (...args: unknown[]) => unknown;

const load = createRequire(__filename);
const targets: readonly { readonly label: string; readonly object: Record<string, unknown>; readonly names: readonly string[] }[] = [
  { label: 'fetch', object: globalThis, names: ['fetch'] },
  { label: 'http', object: load('node:http') as Record<string, unknown>, names: ['request', 'get'] },
  { label: 'https', object: load('node:https') as Record<string, unknown>, names: ['request', 'get'] },
  { label: 'net', object: load('node:net') as Record<string, unknown>, names: ['connect', 'createConnection'] },
  { label: 'tls', object: load('node:tls') as Record<string, unknown>, names: ['connect'] },
];

export class NetworkMonitor {
  readonly counts = new Map<string, number>();
  private readonly restore: (() => void)[] = [];

  install(): void {
    for (const { label, object, names } of targets) {
      for (const name of names) {
        const original = object[name];
        if (typeof original !== 'function') {
          continue;
        }
        const call = original as AnyFunction;
        const key = `${label}.${name}`;
        object[name] = (...args: unknown[]): unknown => {
          this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
          return call.apply(object, args);
        };
        this.restore.push(() => {
          object[name] = original;
        });
      }
    }
  }

  total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }

  reset(): void {
    this.counts.clear();
  }

  uninstall(): void {
    for (const undo of this.restore.splice(0)) {
      undo();
    }
  }
}
