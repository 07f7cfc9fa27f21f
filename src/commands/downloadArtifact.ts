/**
 * "FlowForge: Download Artifact…" and "FlowForge: Open Artifact in Editor": from an artifact
 * tree node or the run panel (`{ repoKey, runId, artifactId }`), or from the palette, which asks
 * for a run (of providers with artifacts) and then one of its artifacts.
 */
import * as vscode from 'vscode';
import { RUN_FILTERS, runCandidates } from '../actions/runCandidates';
import type { Artifact } from '../core/ci/operations';
import { repoKey } from '../core/model';
import type { RepoSnapshot, SyncReader } from '../core/sync/types';
import { formatBytes, type ArtifactService } from '../platform/artifacts';
import { parseCommandTarget, runRefOf } from '../shared/commandArgs';
import { stateCodicon } from './actions/labels';

export interface ArtifactTarget {
  readonly repoKey: string;
  readonly artifact: Artifact;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The artifact id an argument names: `{ artifactId }` or an artifact node's `{ artifact: { id } }`. */
function artifactIdOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value.artifactId === 'string' && value.artifactId !== '') return value.artifactId;
  return isRecord(value.artifact) && typeof value.artifact.id === 'string' ? value.artifact.id : undefined;
}

/** Quick pick of an artifact; expired ones listed but marked. */
async function pickArtifact(artifacts: readonly Artifact[], title: string): Promise<Artifact | undefined> {
  if (artifacts.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This run has no artifacts.'));
    return undefined;
  }
  const items = artifacts.map((artifact) => ({
    label: `$(${artifact.expired ? 'circle-slash' : 'package'}) ${artifact.name}`,
    description: [formatBytes(artifact.sizeBytes), artifact.expired ? vscode.l10n.t('expired') : ''].filter(Boolean).join(' · '),
    artifact,
  }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose an artifact') }))?.artifact;
}

async function pickRunWithArtifacts(sync: Pick<SyncReader, 'repositories' | 'snapshot'>, service: ArtifactService, title: string): Promise<{ repoKey: string; runId: string } | undefined> {
  const snapshots = sync.repositories().flatMap((repo): RepoSnapshot[] => {
    const key = repoKey(repo);
    const snapshot = service.supports(key) ? sync.snapshot(key) : undefined;
    return snapshot ? [snapshot] : [];
  });
  const candidates = runCandidates(snapshots, RUN_FILTERS.anyRun);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No runs with artifacts to choose from. Refresh the Pipelines view, or open a repository.'));
    return undefined;
  }
  const items = candidates.map((candidate) => ({
    label: `$(${stateCodicon(candidate.run.state)}) ${candidate.run.pipelineName} #${candidate.run.number}`,
    description: [candidate.snapshot.repo.slug, candidate.run.branch, candidate.run.rawStatus].filter(Boolean).join(' · '),
    detail: candidate.run.title,
    candidate,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose a run'), matchOnDescription: true, matchOnDetail: true });
  return picked ? { repoKey: picked.candidate.repoKey, runId: picked.candidate.run.id } : undefined;
}

/** The artifact the arguments name, or the one the user picks. */
export async function artifactFromArgs(sync: Pick<SyncReader, 'repositories' | 'snapshot'>, service: ArtifactService, args: readonly unknown[], title: string): Promise<ArtifactTarget | undefined> {
  const ref = runRefOf(parseCommandTarget(args)) ?? (await pickRunWithArtifacts(sync, service, title));
  if (ref === undefined) return undefined;
  const artifacts = await service.list(ref.repoKey, ref.runId);
  const id = artifactIdOf(args[0]);
  const artifact = id === undefined ? await pickArtifact(artifacts, title) : artifacts.find((candidate) => candidate.id === id);
  return artifact ? { repoKey: ref.repoKey, artifact } : undefined;
}

export function downloadArtifactCommand(sync: Pick<SyncReader, 'repositories' | 'snapshot'>, service: ArtifactService) {
  return async (...args: unknown[]): Promise<void> => {
    const target = await artifactFromArgs(sync, service, args, vscode.l10n.t('FlowForge: Download Artifact…'));
    if (target) await service.download(target.repoKey, target.artifact);
  };
}

export function openArtifactCommand(sync: Pick<SyncReader, 'repositories' | 'snapshot'>, service: ArtifactService) {
  return async (...args: unknown[]): Promise<void> => {
    const target = await artifactFromArgs(sync, service, args, vscode.l10n.t('FlowForge: Open Artifact in Editor'));
    if (target) await service.openText(target.repoKey, target.artifact);
  };
}
