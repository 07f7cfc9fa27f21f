/**
 * GitLab sends no ETag for pipeline listings, so "changed" is computed by hashing
 * the mapped value and comparing it with the previous answer for the same request.
 */
import { createHash } from 'node:crypto';
import { Lru } from '../../core/lru';

/** JSON with object keys sorted, so equal values hash equally. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => stableStringify(item)).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function stableHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('base64');
}

export class ChangeTracker {
  private readonly hashes: Lru<string, string>;

  constructor(maxKeys = 1000) {
    this.hashes = new Lru(maxKeys);
  }

  /** Records `value` under `key`; true when it differs from the last value recorded there. */
  update(key: string, value: unknown): boolean {
    const hash = stableHash(value);
    const previous = this.hashes.peek(key);
    this.hashes.set(key, hash);
    return previous !== hash;
  }

  clear(): void {
    this.hashes.clear();
  }
}
