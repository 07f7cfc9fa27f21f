/** Maps Bitbucket REST 2.0 pipelines and steps onto FlowForge's model. Pure. */
import type { Job, Pipeline, RepoRef, Repository, Run } from '../../core/model';
import { asRecord, child, num, requireRecord, str, type JsonRecord } from '../http';
import { mapState } from './states';
import { bitbucketRepositoryWebUrl, jobIdOf, pipelineWebUrl } from './urls';

/** One FlowForge pipeline per repository: its Bitbucket pipelines (every selector). */
export const PIPELINES_ID = 'pipelines';

export function mapRepository(repo: RepoRef, body: unknown): Repository {
  const r = requireRecord(body, `Bitbucket repository ${repo.slug}`, ['type']);
  const web = str(child(child(r, 'links'), 'html'), 'href') ?? bitbucketRepositoryWebUrl(repo);
  return { ref: repo, webUrl: web, defaultBranch: str(child(r, 'mainbranch'), 'name') };
}

export function mapPipeline(repo: RepoRef, repository: Repository): Pipeline {
  return { id: PIPELINES_ID, name: 'Pipelines', path: 'bitbucket-pipelines.yml', webUrl: `${repository.webUrl || bitbucketRepositoryWebUrl(repo)}/pipelines` };
}

/** "custom: deploy", "branches: main", "default". */
export function selectorLabel(target: JsonRecord): string | undefined {
  const selector = child(target, 'selector');
  const type = str(selector, 'type');
  const pattern = str(selector, 'pattern');
  if (type === undefined) return undefined;
  return pattern !== undefined && type !== 'default' ? `${type}: ${pattern}` : type;
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split(/\r?\n/, 1)[0]?.trim();
  return line ? line : undefined;
}

/** PUSH -> push, MANUAL -> manual, SCHEDULE -> schedule (from `trigger.name`, else the trigger's type). */
function eventOf(p: JsonRecord): string {
  const trigger = child(p, 'trigger');
  const name = str(trigger, 'name') ?? str(trigger, 'type')?.replace(/^pipeline_trigger_/, '');
  return name?.toLowerCase() ?? 'unknown';
}

/** Without a commit message: "custom: deploy on main"; a branch pipeline of its own branch names it once ("branches: main"). */
function fallbackTitle(target: JsonRecord, selector: string | undefined): string {
  const ref = str(target, 'ref_name');
  if (ref !== undefined && str(child(target, 'selector'), 'type') === 'branches' && str(child(target, 'selector'), 'pattern') === ref) return `branches: ${ref}`;
  return `${selector ?? 'pipeline'} on ${ref ?? str(child(target, 'commit'), 'hash')?.slice(0, 12) ?? '?'}`;
}

export function mapRun(repo: RepoRef, body: unknown): Run {
  const p = asRecord(body);
  const target = child(p, 'target');
  const commit = child(target, 'commit');
  const number = num(p, 'build_number') ?? 0;
  const refType = str(target, 'ref_type');
  const branch = refType === 'branch' || refType === 'named_branch' ? str(target, 'ref_name') : undefined;
  const selector = selectorLabel(target);
  const { state, raw } = mapState(child(p, 'state'));
  const creator = child(p, 'creator');
  return {
    id: str(p, 'uuid') ?? '',
    pipelineId: PIPELINES_ID,
    pipelineName: selector ?? 'Pipelines',
    number,
    attempt: 1,
    title: firstLine(str(commit, 'message')) ?? fallbackTitle(target, selector),
    branch,
    headSha: str(commit, 'hash') ?? '',
    event: eventOf(p),
    actor: str(creator, 'display_name') ?? str(creator, 'nickname'),
    state,
    rawStatus: raw,
    createdAt: str(p, 'created_on') ?? '',
    startedAt: str(p, 'created_on'),
    updatedAt: str(p, 'completed_on') ?? str(p, 'created_on'),
    completedAt: str(p, 'completed_on'),
    webUrl: number > 0 ? pipelineWebUrl(repo, number) : `${bitbucketRepositoryWebUrl(repo)}/pipelines`,
  };
}

/** Bitbucket-only facts about a step, riding along on the core Job. */
export interface BitbucketJob extends Job {
  readonly stepUuid: string;
}

export function mapStep(repo: RepoRef, run: Pick<Run, 'id' | 'number'>, body: unknown, index: number): BitbucketJob | undefined {
  const s = asRecord(body);
  const uuid = str(s, 'uuid');
  if (uuid === undefined) return undefined;
  const { state, raw } = mapState(child(s, 'state'));
  const manual = /manual/i.test(str(child(s, 'trigger'), 'type') ?? '');
  return {
    id: jobIdOf(run.id, uuid),
    runId: run.id,
    name: str(s, 'name') ?? `Step ${index + 1}`,
    state: manual && state === 'queued' ? 'action_required' : state,
    rawStatus: raw,
    startedAt: str(s, 'started_on'),
    completedAt: str(s, 'completed_on'),
    webUrl: run.number > 0 ? pipelineWebUrl(repo, run.number, uuid) : undefined,
    steps: [],
    stepUuid: uuid,
    ...(manual ? { manual: true } : {}),
  };
}
