/**
 * A pipeline's artifacts: one per job that has an artifacts archive (docs.gitlab.com/ee/api/jobs.html:
 * `artifacts_file` and the `archive` entry of `artifacts[]`, `artifacts_expire_at`), downloaded as
 * the job's zip (GET /projects/:id/jobs/:job_id/artifacts, docs.gitlab.com/ee/api/job_artifacts.html),
 * streamed. Reports (junit, codequality) and the trace are not archives and are not listed.
 * An archive whose expiry has passed is listed as expired and never downloaded.
 */
import type { Artifact, ArtifactDownload } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import { safeFileName } from '../../core/ci/artifactName';
import { GoneError } from '../../core/errors';
import type { RepoRef } from '../../core/model';
import { asArray, asRecord, idOf, isRecord, num, str, type JsonRecord } from '../http';
import type { GitLabHttp } from './http';
import { getAllPages } from './pagination';
import { encodeProject } from './urls';

function archiveOf(job: JsonRecord, now: number): Artifact | undefined {
  const archive = asArray(job.artifacts).map(asRecord).find((entry) => str(entry, 'file_type') === 'archive');
  const file = isRecord(job.artifacts_file) ? job.artifacts_file : undefined;
  if (archive === undefined && file === undefined) {
    return undefined;
  }
  const jobId = idOf(job);
  const size = num(archive ?? {}, 'size') ?? num(file ?? {}, 'size');
  const expireText = str(job, 'artifacts_expire_at');
  const expiresAt = expireText === undefined ? Number.NaN : Date.parse(expireText);
  return {
    id: jobId,
    name: str(job, 'name') ?? `job ${jobId}`,
    jobId,
    format: 'zip',
    contentType: 'application/zip',
    expired: Number.isFinite(expiresAt) && expiresAt <= now,
    ...(size === undefined ? {} : { sizeBytes: size }),
    ...(Number.isFinite(expiresAt) ? { expiresAt } : {}),
  };
}

export async function listArtifacts(http: GitLabHttp, repo: RepoRef, runId: string, now: number, options: RequestOptions = {}): Promise<readonly Artifact[]> {
  const path = `/projects/${encodeProject(repo.slug)}/pipelines/${encodeURIComponent(runId)}/jobs`;
  const jobs = await getAllPages(http, path, `jobs of pipeline ${runId} of ${repo.slug}`, { signal: options.signal });
  return jobs.map(asRecord).flatMap((job) => archiveOf(job, now) ?? []);
}

export function openArtifact(http: GitLabHttp, repo: RepoRef, artifact: Artifact, options: RequestOptions = {}): Promise<ArtifactDownload> {
  const what = `artifacts of job ${artifact.id} of ${repo.slug}`;
  if (artifact.expired) {
    return Promise.reject(new GoneError(`GitLab ${what} have expired`, 410));
  }
  return http.download({
    path: `/projects/${encodeProject(repo.slug)}/jobs/${encodeURIComponent(artifact.id)}/artifacts`,
    expect: 'zip',
    fileName: `${safeFileName(artifact.name, 'job').replace(/\s+/g, '_')}-artifacts.zip`,
    what,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
