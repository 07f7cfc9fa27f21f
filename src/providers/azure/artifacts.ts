/**
 * Build artifacts (Azure DevOps REST 7.1, Build - Artifacts): `List` (GET {build}/artifacts) gives
 * each artifact's name, the job that published it (`source`), and `resource` (type `Container` for
 * build artifacts, `PipelineArtifact` for pipeline artifacts; `properties.artifactsize` in bytes
 * when known). Both download as a zip through `Get Artifact` (GET {build}/artifacts?artifactName=…,
 * produces application/zip) on the organization's own origin, where the PAT belongs; the server may
 * answer 302 to a blob store on another host (*.vsblob.visualstudio.com), which the download
 * primitive follows without credentials. `resource.downloadUrl` is not used: for a pipeline
 * artifact it names another host (artprod*.artifacts.visualstudio.com), and the description says
 * nothing of which credentials it takes. Azure DevOps keeps artifacts as long as the build (no expiry).
 */
import { ValidationError } from '../../core/errors';
import type { Artifact, ArtifactDownload } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import type { RepoRef } from '../../core/model';
import { requireShape, type ShapeSpec } from '../http';
import type { AzureClient } from './client';
import { valueOf } from './reads';
import { buildPath } from './urls';

/** BuildArtifact, the fields read. */
const ARTIFACT: ShapeSpec = {
  name: 'string',
  source: { type: 'string', optional: true, nullable: true },
  resource: { type: 'object', optional: true, nullable: true, fields: { type: { type: 'string', optional: true, nullable: true }, properties: { type: 'object', optional: true, nullable: true } } },
};

interface BuildArtifact {
  readonly name: string;
  readonly source?: string | null;
  readonly resource?: { readonly properties?: Readonly<Record<string, unknown>> | null } | null;
}

/** "102/drop": the build and the artifact's name. */
function splitArtifactId(id: string): { readonly buildId: string; readonly name: string } {
  const cut = id.indexOf('/');
  if (cut <= 0 || cut === id.length - 1) throw new ValidationError(`Not an Azure Pipelines artifact id: "${id}"`);
  return { buildId: id.slice(0, cut), name: id.slice(cut + 1) };
}

/** A zip's file name from an artifact name (which may hold characters a file name cannot). */
function zipName(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|]+/g, '_').replace(/^\.+/, '').trim();
  return `${safe === '' ? 'artifact' : safe}.zip`;
}

export function mapAzureArtifact(item: unknown, buildId: string): Artifact {
  const a = requireShape<BuildArtifact>(item, ARTIFACT, `Azure DevOps artifact of build ${buildId}`);
  const size = Number(a.resource?.properties?.artifactsize ?? NaN);
  return {
    id: `${buildId}/${a.name}`,
    name: a.name,
    ...(Number.isSafeInteger(size) && size >= 0 ? { sizeBytes: size } : {}),
    expired: false,
    ...(typeof a.source === 'string' && a.source !== '' ? { jobId: `${buildId}.${a.source}` } : {}),
    format: 'zip',
  };
}

export async function listAzureArtifacts(client: AzureClient, repo: RepoRef, buildId: string, options: RequestOptions = {}): Promise<readonly Artifact[]> {
  const what = `artifacts of build ${buildId} of ${repo.slug}`;
  const answer = await client.request({ path: `${buildPath(repo.slug, buildId)}/artifacts`, what, signal: options.signal });
  return valueOf(answer.body, `Azure DevOps ${what}`).map((item) => mapAzureArtifact(item, buildId));
}

export function openAzureArtifact(client: AzureClient, repo: RepoRef, artifact: Artifact, options: RequestOptions = {}): Promise<ArtifactDownload> {
  const { buildId, name } = splitArtifactId(artifact.id);
  return client.download({
    path: `${buildPath(repo.slug, buildId)}/artifacts`,
    query: { artifactName: name },
    headers: { accept: 'application/zip' },
    expect: 'zip',
    fileName: zipName(name),
    what: `artifact ${name} of build ${buildId} of ${repo.slug}`,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
