/**
 * Artifacts of a workflow run: the run's artifact list (all pages, expired ones flagged) and the
 * zip of one, streamed. GitHub answers the zip request with 302 to a storage host and a signed
 * URL; the session's download follows it without the token. An expired artifact answers 410.
 */
import type { Artifact, ArtifactDownload } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import { safeFileName } from '../../core/ci/artifactName';
import { GoneError } from '../../core/errors';
import type { RepoRef } from '../../core/model';
import { collectPages } from './pagination';
import { ownerAndRepo } from './remote';
import { ARTIFACT, ARTIFACT_PAGE } from './schemas';
import type { GitHubSession } from './session';

interface ApiArtifact {
  readonly id: number | bigint;
  readonly name: string;
  readonly size_in_bytes: number;
  readonly expired: boolean;
  readonly expires_at: string | null;
}

function toArtifact(api: ApiArtifact): Artifact {
  const expiresAt = api.expires_at === null ? Number.NaN : Date.parse(api.expires_at);
  return {
    id: String(api.id),
    name: api.name,
    sizeBytes: api.size_in_bytes,
    expired: api.expired,
    format: 'zip',
    contentType: 'application/zip',
    ...(Number.isFinite(expiresAt) ? { expiresAt } : {}),
  };
}

export function listArtifacts(session: GitHubSession, repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly Artifact[]> {
  const what = `Artifacts of run ${runId} in ${repo.slug}`;
  return session.call(what, options, async (signal) => {
    const { items } = await collectPages(async (page) => {
      const response = await session.client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', {
        ...ownerAndRepo(repo),
        run_id: Number(runId),
        page,
        per_page: 100,
        request: { signal },
      });
      const list = session.object<{ artifacts: unknown }>(response, ARTIFACT_PAGE, what).artifacts;
      return { items: session.items<ApiArtifact>(list, ARTIFACT, what), link: response.headers.link, changed: session.changed(response) };
    });
    return items.map(toArtifact);
  });
}

export async function openArtifact(session: GitHubSession, repo: RepoRef, artifact: Artifact, options?: RequestOptions): Promise<ArtifactDownload> {
  const what = `artifact ${artifact.name} of ${repo.slug}`;
  if (artifact.expired) {
    throw new GoneError(`GitHub ${what} has expired`, 410);
  }
  const { owner, repo: name } = ownerAndRepo(repo);
  const path = `repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/actions/artifacts/${encodeURIComponent(artifact.id)}/zip`;
  return session.download(path, { expect: 'zip', fileName: `${safeFileName(artifact.name)}.zip`, what }, options);
}
