/**
 * The run panel's Artifacts tab, host side: lists the run's artifacts once when the panel opens
 * (and again when the run finishes), posts them as ArtifactViews, and acts on a button only for
 * an id it listed. vscode-free; the panel injects where artifacts come from and what the
 * buttons do (platform/artifacts.ts).
 */
import type { Artifact } from '../core/ci/operations';
import { describeError } from '../core/errors';
import type { ArtifactAction, ArtifactView, HostMessage } from '../shared/protocol';

export interface PanelArtifactSource {
  supports(repoKey: string): boolean;
  list(repoKey: string, runId: string): Promise<readonly Artifact[]>;
  download(repoKey: string, artifact: Artifact): Promise<unknown>;
  openText(repoKey: string, artifact: Artifact): Promise<unknown>;
}

export function toArtifactView(artifact: Artifact): ArtifactView {
  return {
    id: artifact.id,
    name: artifact.name,
    expired: artifact.expired,
    format: artifact.format,
    ...(artifact.sizeBytes !== undefined ? { sizeBytes: artifact.sizeBytes } : {}),
    ...(artifact.expiresAt !== undefined ? { expiresAt: new Date(artifact.expiresAt).toISOString() } : {}),
  };
}

export class RunArtifacts {
  private listed = new Map<string, Artifact>();

  constructor(
    private readonly source: PanelArtifactSource | undefined,
    private readonly repoKey: string,
    private readonly post: (message: HostMessage) => void,
    private readonly failed: (message: string) => void,
  ) {}

  /** Lists and posts the artifacts of `runId`; nothing for providers without artifacts. */
  async send(runId: string): Promise<void> {
    if (!this.source?.supports(this.repoKey)) return;
    try {
      const artifacts = await this.source.list(this.repoKey, runId);
      this.listed = new Map(artifacts.map((artifact) => [artifact.id, artifact]));
      this.post({ type: 'artifacts', artifacts: artifacts.map(toArtifactView) });
    } catch (error) {
      this.post({ type: 'artifacts', artifacts: [], error: `Could not load artifacts: ${describeError(error)}` });
    }
  }

  /** A button of the tab: only for an artifact this panel listed. */
  async act(action: ArtifactAction, artifactId: string): Promise<void> {
    const artifact = this.listed.get(artifactId);
    if (!artifact || !this.source) {
      this.failed(`unknown artifact ${artifactId}`);
      return;
    }
    try {
      await (action === 'download' ? this.source.download(this.repoKey, artifact) : this.source.openText(this.repoKey, artifact));
    } catch (error) {
      this.failed(describeError(error));
    }
  }
}
