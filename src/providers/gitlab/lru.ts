/** Bounded maps that forget the least recently stored entry first. */

/** Re-inserts `key` as the newest entry of `map` and drops the oldest beyond `max`. */
export function touch<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) {
    const oldest = map.keys().next();
    if (!oldest.done) {
      map.delete(oldest.value);
    }
  }
}
