/**
 * Workflow run artifacts (docs.github.com/en/rest/actions/artifacts): the run's list (paged,
 * expired ones included) and the zip download, which answers 302 to a signed URL on the blob
 * storage (another origin, test/fakes/kit/storage.ts), or 410 once the artifact expired.
 */
import { json, message, notFound, numberParam, paginate, repoSlug, type RequestContext } from '../http';
import type { Router } from '../http';
import type { FakeArtifact } from '../state';

/** The blob key of an artifact, and back. */
export const artifactKey = (artifact: FakeArtifact): string => `${artifact.repo}/${artifact.id}`;

function renderArtifact(context: RequestContext, artifact: FakeArtifact): Record<string, unknown> {
  const url = `${context.urls.api}/repos/${artifact.repo}/actions/artifacts/${artifact.id}`;
  const run = context.state.run(artifact.repo, artifact.runId);
  return {
    id: artifact.id,
    node_id: Buffer.from(`Artifact${artifact.id}`).toString('base64'),
    name: artifact.name,
    size_in_bytes: Buffer.from(artifact.zipBase64, 'base64').byteLength,
    url,
    archive_download_url: `${url}/zip`,
    expired: artifact.expired,
    created_at: artifact.createdAt,
    expires_at: artifact.expiresAt,
    updated_at: artifact.createdAt,
    digest: null,
    workflow_run: run ? { id: run.id, repository_id: 1, head_repository_id: 1, head_branch: run.headBranch, head_sha: run.headSha } : null,
  };
}

export function registerArtifacts(router: Router): void {
  router.add('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', (context) => {
    const run = context.state.run(repoSlug(context), numberParam(context, 'run_id'));
    if (!run) {
      return notFound();
    }
    const all = context.state.artifacts(run.id);
    const page = paginate(context, all);
    return json(200, { total_count: all.length, artifacts: page.items.map((artifact) => renderArtifact(context, artifact)) }, page.headers);
  });
  router.add('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', (context) => {
    const artifact = context.state.artifact(repoSlug(context), numberParam(context, 'artifact_id'));
    if (!artifact || context.params.archive_format !== 'zip' || !context.urls.artifactBlob) {
      return notFound();
    }
    if (artifact.expired) {
      return message(410, 'Artifact has expired');
    }
    return { status: 302, headers: { location: context.urls.artifactBlob(artifact) } };
  });
}
