/**
 * Artifacts in VS Code: listing a run's artifacts, downloading one to a folder the user picks
 * (the last folder remembered per workspace; progress with bytes and total, cancellable; streamed
 * to disk by artifactFile.ts), extracting a downloaded zip on request, and opening a small text
 * artifact (a text file, or a zip of one text file) in an editor. Expired ones say so.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Artifact } from '../core/ci/operations';
import type { CiProvider } from '../core/ci/provider';
import { CancelledError, NotFoundError } from '../core/errors';
import type { RepoRef } from '../core/model';
import { extractZip } from './artifactExtract';
import { saveStream } from './artifactFile';
import { formatBytes } from '../shared/bytes';

export { formatBytes };

const LAST_FOLDER_KEY = 'flowforge.artifacts.lastFolder';
/** Larger artifacts are not opened in an editor (download them instead). */
export const MAX_TEXT_ARTIFACT_BYTES = 5 * 1024 * 1024;

export interface ArtifactDeps {
  readonly resolve: (repoKey: string) => { readonly repo: RepoRef; readonly provider: CiProvider } | undefined;
  readonly memento: vscode.Memento;
  readonly log: (message: string) => void;
}

export class ArtifactService {
  constructor(private readonly deps: ArtifactDeps) {}

  /** Whether the repository's provider has artifacts at all. */
  supports(repoKey: string): boolean {
    return this.deps.resolve(repoKey)?.provider.listArtifacts !== undefined;
  }

  async list(repoKey: string, runId: string): Promise<readonly Artifact[]> {
    const { repo, provider } = this.target(repoKey);
    return (await provider.listArtifacts?.(repo, runId)) ?? [];
  }

  /** Downloads to a picked folder; resolves with the file written, or undefined when the user stopped. */
  async download(repoKey: string, artifact: Artifact): Promise<string | undefined> {
    if (artifact.expired) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The artifact {0} has expired and can no longer be downloaded.', artifact.name));
      return undefined;
    }
    const folder = await this.pickFolder();
    if (folder === undefined) return undefined;
    const { repo, provider } = this.target(repoKey);
    const file = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}', artifact.name), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          const download = await this.open(provider, repo, artifact, controller.signal);
          const total = download.sizeBytes ?? artifact.sizeBytes;
          let reported = 0;
          return await saveStream(download.body, folder, download.fileName, {
            signal: controller.signal,
            onBytes: (bytes) => {
              const increment = total ? ((bytes - reported) / total) * 100 : undefined;
              reported = bytes;
              progress.report({ message: total ? `${formatBytes(bytes)} / ${formatBytes(total)}` : formatBytes(bytes), ...(increment !== undefined ? { increment } : {}) });
            },
          });
        } catch (error) {
          if (error instanceof CancelledError || token.isCancellationRequested) return undefined;
          throw error;
        } finally {
          subscription.dispose();
        }
      },
    );
    if (file !== undefined) void this.finished(file, artifact);
    return file;
  }

  /** Extracts a downloaded zip next to it, into a folder named after it. */
  async extract(file: string): Promise<string> {
    const target = path.join(path.dirname(file), path.basename(file, path.extname(file)));
    const count = await extractZip(file, target);
    this.deps.log(`Artifacts: extracted ${count} file(s) of ${path.basename(file)}`);
    return target;
  }

  /** Opens a small text artifact in an editor (a zip must hold exactly one text file). */
  async openText(repoKey: string, artifact: Artifact): Promise<void> {
    if (artifact.expired) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The artifact {0} has expired and can no longer be downloaded.', artifact.name));
      return;
    }
    if ((artifact.sizeBytes ?? 0) > MAX_TEXT_ARTIFACT_BYTES) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The artifact {0} is too large to open in an editor ({1}); download it instead.', artifact.name, formatBytes(artifact.sizeBytes)));
      return;
    }
    const { repo, provider } = this.target(repoKey);
    const scratch = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'flowforge-artifact-'));
    const controller = new AbortController();
    try {
      const download = await this.open(provider, repo, artifact, controller.signal);
      const saved = await saveStream(download.body, scratch, download.fileName, {
        signal: controller.signal,
        onBytes: (bytes) => {
          if (bytes > MAX_TEXT_ARTIFACT_BYTES) controller.abort();
        },
      });
      const text = artifact.format === 'zip' ? await this.singleEntry(saved, artifact) : saved;
      if (text === undefined) return;
      const head = (await fs.promises.readFile(text)).subarray(0, 8192);
      if (head.includes(0)) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The artifact {0} is not a text file; download it instead.', artifact.name));
        return;
      }
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(text));
      await vscode.window.showTextDocument(document, { preview: true });
    } catch (error) {
      if (controller.signal.aborted) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The artifact {0} is too large to open in an editor ({1}); download it instead.', artifact.name, `> ${formatBytes(MAX_TEXT_ARTIFACT_BYTES)}`));
        return;
      }
      throw error;
    }
  }

  private async singleEntry(zip: string, artifact: Artifact): Promise<string | undefined> {
    const folder = await this.extract(zip);
    const files = (await fs.promises.readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    const only = files.length === 1 ? files[0] : undefined;
    if (only === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The artifact {0} holds {1} files; download it to see them all.', artifact.name, files.length));
      return undefined;
    }
    return path.join(only.parentPath, only.name);
  }

  private async open(provider: CiProvider, repo: RepoRef, artifact: Artifact, signal: AbortSignal) {
    const download = await provider.openArtifact?.(repo, artifact, { signal });
    if (download === undefined) throw new NotFoundError(vscode.l10n.t('{0} offers no artifact downloads.', provider.displayName));
    return download;
  }

  private target(repoKey: string): { repo: RepoRef; provider: CiProvider } {
    const found = this.deps.resolve(repoKey);
    if (!found) throw new NotFoundError(vscode.l10n.t('That repository is no longer watched.'));
    return found;
  }

  private async pickFolder(): Promise<string | undefined> {
    const last = this.deps.memento.get<string>(LAST_FOLDER_KEY);
    const fallback = vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file')?.uri;
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Download Here'),
      title: vscode.l10n.t('FlowForge: Download Artifact…'),
      ...(last !== undefined && fs.existsSync(last) ? { defaultUri: vscode.Uri.file(last) } : fallback ? { defaultUri: fallback } : {}),
    });
    const folder = picked?.[0]?.fsPath;
    if (folder !== undefined) await this.deps.memento.update(LAST_FOLDER_KEY, folder);
    return folder;
  }

  private async finished(file: string, artifact: Artifact): Promise<void> {
    const openFolder = vscode.l10n.t('Open Folder');
    const extract = vscode.l10n.t('Extract');
    const choices = artifact.format === 'zip' ? [openFolder, extract] : [openFolder];
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}', file), ...choices);
    if (choice === openFolder) {
      await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(file));
    } else if (choice === extract) {
      try {
        const folder = await this.extract(file);
        void vscode.window.showInformationMessage(vscode.l10n.t('Extracted to {0}', folder));
      } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not extract {0}: {1}', path.basename(file), error instanceof Error ? error.message : String(error)));
      }
    }
  }
}
