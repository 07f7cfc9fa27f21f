/**
 * Archived artifacts of a build (Jenkins remote access API: `{build}/api/json` with
 * `tree=artifacts[fileName,relativePath,displayPath]`, hudson.model.Run.Artifact), downloaded from
 * `{build}/artifact/{relativePath}` on the server itself (Basic auth, each path segment encoded).
 * Jenkins keeps artifacts as long as the build (no expiry) and lists no sizes: the size is the
 * download's Content-Length. A queued run has none yet. A web page where a file that is not HTML
 * should be (a sign-in proxy in front of Jenkins) is an UnexpectedResponseError, not the file.
 */
import { ValidationError } from '../../core/errors';
import type { Artifact, ArtifactDownload } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import type { RepoRef } from '../../core/model';
import { asArray, requireRecord, requireShape, UnexpectedResponseError, type ShapeSpec } from '../http';
import type { JenkinsClient } from './client';
import { queueIdOf } from './queue';
import { buildPath } from './reads';

export const ARTIFACTS_TREE = 'artifacts[fileName,relativePath,displayPath]';

const ARTIFACT: ShapeSpec = { fileName: 'string', relativePath: 'string', displayPath: { type: 'string', optional: true, nullable: true } };
const HTML_NAME = /\.x?html?$/i;
const HTML_START = /^\s*<(?:!doctype\s+html|html[\s>])/i;

/** "main#12/reports/junit.xml": the run and the path below its artifact/ folder. */
function splitArtifactId(id: string): { readonly runId: string; readonly relativePath: string } {
  const cut = id.indexOf('/');
  if (cut <= 0 || cut === id.length - 1) throw new ValidationError(`Not a Jenkins artifact id: "${id}"`);
  return { runId: id.slice(0, cut), relativePath: id.slice(cut + 1) };
}

export function mapJenkinsArtifact(item: unknown, runId: string): Artifact {
  const a = requireShape<{ fileName: string; relativePath: string }>(item, ARTIFACT, `Jenkins artifact of build ${runId}`);
  return { id: `${runId}/${a.relativePath}`, name: a.relativePath, expired: false, format: /\.zip$/i.test(a.fileName) ? 'zip' : 'file' };
}

export async function listJenkinsArtifacts(client: JenkinsClient, repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<readonly Artifact[]> {
  if (queueIdOf(runId) !== undefined) return [];
  const what = `artifacts of build ${runId} of ${repo.slug}`;
  const answer = await client.request({ path: `${buildPath(repo, runId)}/api/json`, query: { tree: ARTIFACTS_TREE }, what, signal: options.signal });
  return asArray(requireRecord(answer.body, `Jenkins ${what}`, ['artifacts']).artifacts).map((item) => mapJenkinsArtifact(item, runId));
}

export async function openJenkinsArtifact(client: JenkinsClient, repo: RepoRef, artifact: Artifact, options: RequestOptions = {}): Promise<ArtifactDownload> {
  const { runId, relativePath } = splitArtifactId(artifact.id);
  const what = `artifact ${relativePath} of build ${runId} of ${repo.slug}`;
  const fileName = relativePath.split('/').pop() ?? relativePath;
  const download = await client.download({
    path: `${buildPath(repo, runId)}/artifact/${relativePath.split('/').map(encodeURIComponent).join('/')}`,
    expect: artifact.format,
    fileName,
    what,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return HTML_NAME.test(fileName) ? download : refuseWebPage(download, `Jenkins ${what}`);
}

/** The download, unless its first bytes are an HTML page (checked before it is handed over). */
async function refuseWebPage(download: ArtifactDownload, what: string): Promise<ArtifactDownload> {
  const chunks = download.body[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done !== true && HTML_START.test(new TextDecoder().decode(first.value.subarray(0, 64)))) {
    await chunks.return?.();
    throw new UnexpectedResponseError(`${what}: the server answered with a web page (a sign-in page?), not the file`);
  }
  async function* body(): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      for (let next = first; next.done !== true; next = await chunks.next()) {
        yield next.value;
      }
    } finally {
      await chunks.return?.();
    }
  }
  return { ...download, body: body() };
}
