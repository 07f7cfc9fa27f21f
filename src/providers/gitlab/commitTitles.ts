/**
 * Commit titles for pipelines listed by REST, whose pipeline objects carry none: a pipeline without
 * a name would read "push on main". Each commit's title is asked once
 * (GET /projects/:id/repository/commits/:sha) and kept for good, since a commit never changes;
 * concurrent lists share the request. At most NEW_PER_LIST commits not asked before are asked per
 * list (newest first), so a first REST poll does not spend the instance's budget on titles; the
 * older rows get theirs on the next polls. Best effort: a failed request leaves the row as it was, and
 * the next list asks again (a commit that is gone is not asked again).
 */
import { isCiError } from '../../core/errors';
import { Lru } from '../../core/lru';
import type { Run } from '../../core/model';
import { fallbackTitle, runTitle } from './mapping';

/** The commit's title (undefined when it has none). */
export type CommitRequest = (sha: string) => Promise<string | undefined>;

const MAX_COMMITS = 5000;
/** Commits asked for the first time per list. */
export const NEW_PER_LIST = 5;

export class CommitTitles {
  private readonly titles = new Lru<string, Promise<string | undefined>>(MAX_COMMITS);

  /** `runs` with the commit title of each run that has neither a name nor a title yet. */
  async enrich(slug: string, runs: readonly Run[], request: CommitRequest): Promise<readonly Run[]> {
    const untitled = (run: Run): boolean => run.headSha !== '' && run.title === fallbackTitle(run.event, run.branch);
    const all = [...new Set(runs.filter(untitled).map((run) => run.headSha))];
    const fresh = all.filter((sha) => !this.titles.has(`${slug}\n${sha}`)).slice(0, NEW_PER_LIST);
    const shas = all.filter((sha) => this.titles.has(`${slug}\n${sha}`) || fresh.includes(sha));
    if (shas.length === 0) {
      return runs;
    }
    const found = new Map<string, string>();
    await Promise.all(
      shas.map(async (sha) => {
        const title = await this.title(slug, sha, request);
        if (title !== undefined) {
          found.set(sha, title);
        }
      }),
    );
    return runs.map((run) => {
      const title = untitled(run) ? found.get(run.headSha) : undefined;
      return title === undefined ? run : { ...run, title: runTitle(undefined, title, run.event, run.branch) };
    });
  }

  clear(): void {
    this.titles.clear();
  }

  private title(slug: string, sha: string, request: CommitRequest): Promise<string | undefined> {
    const key = `${slug}\n${sha}`;
    let title = this.titles.get(key);
    if (title === undefined) {
      title = request(sha).catch((error: unknown) => {
        if (!(isCiError(error) && (error.kind === 'not_found' || error.kind === 'gone'))) {
          this.titles.delete(key);
        }
        return undefined;
      });
      this.titles.set(key, title);
    }
    return title;
  }
}
