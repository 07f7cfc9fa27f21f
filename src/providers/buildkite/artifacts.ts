/**
 * Build artifacts (buildkite.com/docs/apis/rest-api/artifacts, scope read_artifacts):
 * GET {build}/artifacts lists every job's files (paged, Link rel="next"); state `finished` is
 * downloadable, `deleted` / `expired` are listed as gone, `new` (still uploading) and `error`
 * (the upload failed) are not listed. The download, GET {build}/jobs/{job}/artifacts/{id}/download,
 * answers 302 to a signed storage URL (S3): the shared download primitive follows it without the
 * token. An artifact's id carries the build number and job, so that openArtifact needs nothing else.
 */
import { GoneError, ValidationError } from '../../core/errors';
import type { Artifact, ArtifactDownload } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import type { RepoRef } from '../../core/model';
import { collectPages, linkNext, requireArray, requireShape, type ShapeSpec } from '../http';
import type { BuildkiteClient } from './client';
import { buildPath } from './urls';

const MAX_PAGES = 10;
const GONE = new Set(['deleted', 'expired']);
const LISTED = new Set(['finished', ...GONE]);

/** The fields read, typed as the documentation's data model gives them. */
const ARTIFACT: ShapeSpec = {
  id: 'string',
  job_id: 'string',
  path: 'string',
  state: 'string',
  file_size: { type: 'integer', optional: true, nullable: true },
  mime_type: { type: 'string', optional: true, nullable: true },
};

interface BuildkiteArtifact {
  readonly id: string;
  readonly job_id: string;
  readonly path: string;
  readonly state: string;
  readonly file_size?: number | null;
  readonly mime_type?: string | null;
}

/** "12/{job uuid}/{artifact uuid}": what the download URL needs. */
function artifactId(runId: string, jobId: string, id: string): string {
  return `${runId}/${jobId}/${id}`;
}

function splitArtifactId(id: string): { readonly runId: string; readonly jobId: string; readonly artifactId: string } {
  const [runId = '', jobId = '', artifactId = ''] = id.split('/');
  if (runId === '' || jobId === '' || artifactId === '') throw new ValidationError(`Not a Buildkite artifact id: "${id}"`);
  return { runId, jobId, artifactId };
}

/** The last segment of an artifact's path: the name to save it under. */
function baseName(path: string): string {
  return path.split(/[\\/]/).filter((part) => part !== '' && part !== '.' && part !== '..').pop() ?? 'artifact';
}

export function mapBuildkiteArtifact(item: unknown, runId: string): Artifact | undefined {
  const a = requireShape<BuildkiteArtifact>(item, ARTIFACT, `Buildkite artifact of build ${runId}`);
  if (!LISTED.has(a.state)) return undefined;
  const zip = a.mime_type === 'application/zip' || a.mime_type === 'application/x-zip-compressed';
  return {
    id: artifactId(runId, a.job_id, a.id),
    name: a.path,
    ...(typeof a.file_size === 'number' ? { sizeBytes: a.file_size } : {}),
    expired: GONE.has(a.state),
    jobId: a.job_id,
    format: zip ? 'zip' : 'file',
    ...(typeof a.mime_type === 'string' && a.mime_type !== '' ? { contentType: a.mime_type } : {}),
  };
}

export async function listBuildkiteArtifacts(client: BuildkiteClient, repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<readonly Artifact[]> {
  const path = `${buildPath(repo.slug, runId)}/artifacts`;
  const what = `artifacts of build ${runId} of ${repo.slug}`;
  const { items } = await collectPages<unknown, string>(path, async (cursor) => {
    const answer = await client.request(repo.slug, { path: cursor, what, signal: options.signal, ...(cursor === path ? { query: { per_page: 100 } } : {}) });
    return { items: requireArray(answer.body, `Buildkite ${what}`), next: linkNext(answer.headers) };
  }, MAX_PAGES);
  return items.flatMap((item) => mapBuildkiteArtifact(item, runId) ?? []);
}

export function openBuildkiteArtifact(client: BuildkiteClient, repo: RepoRef, artifact: Artifact, options: RequestOptions = {}): Promise<ArtifactDownload> {
  const what = `artifact ${artifact.name} of ${repo.slug}`;
  if (artifact.expired) return Promise.reject(new GoneError(`Buildkite ${what} was deleted or expired`, 410));
  const { runId, jobId, artifactId: id } = splitArtifactId(artifact.id);
  return client.download(repo.slug, {
    path: `${buildPath(repo.slug, runId)}/jobs/${encodeURIComponent(jobId)}/artifacts/${encodeURIComponent(id)}/download`,
    expect: artifact.format,
    fileName: baseName(artifact.name),
    what,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
