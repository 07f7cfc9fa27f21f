/**
 * Ports: what core needs from the outside world. platform/ implements them with
 * VS Code APIs; tests implement them with fakes.
 */
import type { Disposable } from './events';

/** Injected time, so schedulers are testable with a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): Disposable;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    return { dispose: () => clearTimeout(handle) };
  },
};

export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

export const nullLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Durable key/value storage for cached snapshots (globalStorageUri files in VS Code). */
export interface SnapshotStore {
  read(key: string): Promise<string | undefined>;
  write(key: string, value: string): Promise<void>;
}
