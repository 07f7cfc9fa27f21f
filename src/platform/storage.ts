import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { SnapshotStore } from '../core/ports';
import { LocalSnapshotFiles, snapshotFileName } from './snapshotFiles';

/**
 * Snapshot persistence in files under the extension's globalStorageUri, written atomically
 * (temporary file + rename; see snapshotFiles.ts). A local folder is written with Node's fs;
 * any other file system through vscode.workspace.fs, the same way.
 */
export class FileSnapshotStore implements SnapshotStore {
  private readonly local: LocalSnapshotFiles | undefined;

  constructor(private readonly root: vscode.Uri) {
    this.local = root.scheme === 'file' ? new LocalSnapshotFiles(root.fsPath) : undefined;
  }

  async read(key: string): Promise<string | undefined> {
    if (this.local) {
      return this.local.read(key);
    }
    try {
      const bytes = await vscode.workspace.fs.readFile(this.uriOf(key));
      return new TextDecoder().decode(bytes);
    } catch {
      return undefined;
    }
  }

  async write(key: string, value: string): Promise<void> {
    if (this.local) {
      return this.local.write(key, value);
    }
    await vscode.workspace.fs.createDirectory(this.root);
    const target = this.uriOf(key);
    const temp = target.with({ path: `${target.path}.${randomBytes(6).toString('hex')}.tmp` });
    await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(value));
    await vscode.workspace.fs.rename(temp, target, { overwrite: true });
  }

  private uriOf(key: string): vscode.Uri {
    return vscode.Uri.joinPath(this.root, snapshotFileName(key));
  }
}
