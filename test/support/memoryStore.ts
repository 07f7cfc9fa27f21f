/**
 * In-memory SnapshotStore and a Logger that records warnings, for core tests.
 */
import type { Logger, SnapshotStore } from '../../src/core/ports';

export class MemoryStore implements SnapshotStore {
  readonly data = new Map<string, string>();
  readonly writes: { key: string; value: string }[] = [];
  failWrites = false;

  read(key: string): Promise<string | undefined> {
    return Promise.resolve(this.data.get(key));
  }

  write(key: string, value: string): Promise<void> {
    if (this.failWrites) {
      return Promise.reject(new Error('disk full'));
    }
    this.writes.push({ key, value });
    this.data.set(key, value);
    return Promise.resolve();
  }
}

export class RecordingLogger implements Logger {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];

  trace(): void {}
  debug(): void {}
  info(): void {}
  warn(message: string): void {
    this.warnings.push(message);
  }
  error(message: string | Error): void {
    this.errors.push(String(message));
  }
}
