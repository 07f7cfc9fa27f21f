import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { SnapshotStore } from '../core/ports';

/** Snapshot persistence in files under the extension's globalStorageUri. */
export class FileSnapshotStore implements SnapshotStore {
  constructor(private readonly root: vscode.Uri) {}

  async read(key: string): Promise<string | undefined> {
    try {
      const bytes = await vscode.workspace.fs.readFile(this.uriOf(key));
      return new TextDecoder().decode(bytes);
    } catch {
      return undefined;
    }
  }

  async write(key: string, value: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.root);
    await vscode.workspace.fs.writeFile(this.uriOf(key), new TextEncoder().encode(value));
  }

  private uriOf(key: string): vscode.Uri {
    // Readable prefix for humans, hash for uniqueness.
    const safe = key.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
    return vscode.Uri.joinPath(this.root, `${safe}-${hash}.json`);
  }
}
