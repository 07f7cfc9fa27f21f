/**
 * "Changed since the last answer?" for listings without ETags: the mapped value's JSON, hashed, per
 * request key. Mapped values are built field by field, so equal values serialize equally.
 */
import { createHash } from 'node:crypto';
import { Lru } from '../../core/lru';

export class Fingerprints {
  private readonly seen: Lru<string, string>;

  constructor(maxKeys = 500) {
    this.seen = new Lru(maxKeys);
  }

  /** True when `value` differs from what was last recorded under `key`. */
  changed(key: string, value: unknown): boolean {
    const hash = createHash('sha256').update(JSON.stringify(value) ?? 'null').digest('base64');
    const previous = this.seen.get(key);
    this.seen.set(key, hash);
    return previous !== hash;
  }

  clear(): void {
    this.seen.clear();
  }
}
