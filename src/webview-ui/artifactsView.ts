/** The Artifacts tab: each artifact with size and expiry, Download and Open buttons; expired ones say so. */
import type { ArtifactView, HostMessage } from '../shared/protocol';
import { formatBytes } from '../shared/bytes';
import { button, codicon, h, type Host } from './dom';

type ArtifactsMessage = Extract<HostMessage, { type: 'artifacts' }>;

function expiryText(artifact: ArtifactView): string {
  if (artifact.expired) return 'Expired: no longer downloadable';
  return artifact.expiresAt === undefined ? '' : `Expires ${new Date(artifact.expiresAt).toLocaleDateString()}`;
}

function row(artifact: ArtifactView, host: Host): HTMLElement {
  const buttons = artifact.expired
    ? []
    : [
        button(`Download ${artifact.name}`, 'cloud-download', () => host.post({ type: 'artifact', action: 'download', artifactId: artifact.id })),
        button(`Open ${artifact.name} in an editor`, 'go-to-file', () => host.post({ type: 'artifact', action: 'open', artifactId: artifact.id })),
      ];
  return h('li', { className: `artifact${artifact.expired ? ' expired' : ''}`, attrs: { 'data-artifact': artifact.name } }, [
    h('span', { attrs: { 'aria-hidden': 'true' } }, [codicon(artifact.expired ? 'circle-slash' : 'package')]),
    h('span', { className: 'artifact-name', text: artifact.name }),
    h('span', { className: 'artifact-size', text: formatBytes(artifact.sizeBytes) }),
    h('span', { className: 'artifact-expiry', text: expiryText(artifact) }),
    h('span', { className: 'actions' }, buttons),
  ]);
}

export function renderArtifacts(target: HTMLElement, message: ArtifactsMessage, host: Host): void {
  if (message.error !== undefined) {
    target.replaceChildren(h('p', { className: 'error', text: message.error, attrs: { role: 'alert' } }));
    return;
  }
  target.replaceChildren(
    message.artifacts.length === 0
      ? h('p', { className: 'empty', text: 'This run has no artifacts.' })
      : h('ul', { className: 'artifacts', attrs: { 'aria-label': 'Artifacts' } }, message.artifacts.map((artifact) => row(artifact, host))),
  );
}
