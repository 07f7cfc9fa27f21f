/**
 * Snapshot files in a local folder (the extension's global storage), written atomically: each
 * write goes to a temporary file of its own (process id + random suffix) and is renamed over the
 * target, so a reader never sees half a file, a crash mid-write leaves the old file, and two
 * VS Code windows sharing the global storage replace each other's file whole instead of
 * interleaving their bytes. No `vscode` here (tested in plain Node).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SnapshotStore } from '../core/ports';

/** File name of a key: a readable prefix for humans, a hash for uniqueness. */
export function snapshotFileName(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return `${safe}-${hash}.json`;
}

export class LocalSnapshotFiles implements SnapshotStore {
  constructor(private readonly folder: string) {}

  async read(key: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.folder, snapshotFileName(key)), 'utf8');
    } catch {
      return undefined;
    }
  }

  async write(key: string, value: string): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const target = join(this.folder, snapshotFileName(key));
    const temp = `${target}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, value, 'utf8');
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }
}
