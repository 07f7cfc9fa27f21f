/**
 * Workspace remotes -> Jenkins jobs that build them, in one request per server: the top three
 * levels of jobs with the git remotes their last build checked out (git plugin BuildData
 * `remoteUrls`). A multibranch project matches when one of its branch jobs built the remote.
 */
import type { RemoteMatch, RequestOptions } from '../../core/ci/provider';
import { asArray, isRecord, requireRecord, str, type JsonRecord } from '../http';
import { repositoryKey } from '../remoteUrl';
import type { JenkinsClient } from './client';
import { isMultibranch } from './mapping';

const LEAF = '_class,name,lastBuild[actions[remoteUrls]]';
const TREE = `jobs[${LEAF},jobs[${LEAF},jobs[${LEAF}]]]`;

function remotesOf(job: JsonRecord): string[] {
  const build = job.lastBuild;
  return isRecord(build) ? asArray(build.actions).filter(isRecord).flatMap((a) => asArray(a.remoteUrls).filter((u): u is string => typeof u === 'string')) : [];
}

export async function jobsForRemotes(client: JenkinsClient, host: string, remoteUrls: readonly string[], options: RequestOptions = {}): Promise<readonly RemoteMatch[]> {
  const wanted = new Map<string, string>();
  for (const url of remoteUrls) {
    const key = repositoryKey(url);
    if (key !== undefined) wanted.set(key, url);
  }
  if (wanted.size === 0) return [];
  const answer = await client.request({ path: '/api/json', query: { tree: TREE }, what: 'jobs of the server', signal: options.signal });
  const matches: RemoteMatch[] = [];
  const visit = (jobs: unknown, prefix: readonly string[]): void => {
    for (const job of asArray(jobs).filter(isRecord)) {
      const names = [...prefix, str(job, 'name') ?? ''];
      const children = asArray(job.jobs).filter(isRecord);
      const built = isMultibranch(job) ? children.flatMap(remotesOf) : remotesOf(job);
      const hit = built.map((u) => wanted.get(repositoryKey(u) ?? '')).find((u) => u !== undefined);
      if (hit !== undefined) {
        matches.push({ repo: { provider: 'jenkins', host, slug: names.join('/') }, remoteUrl: hit });
      } else if (!isMultibranch(job)) {
        visit(job.jobs, names);
      }
    }
  };
  visit(requireRecord(answer.body, 'Jenkins jobs', ['jobs']).jobs, []);
  return matches;
}
