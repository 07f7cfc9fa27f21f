/**
 * The merge gate of a branch's open merge request: the MR list filtered by source branch (which
 * carries detailed_merge_status and updated_at), the MR itself for its head pipeline, and its
 * approvals. The MR and its approvals are read again only when the MR's updated_at moved (or its
 * head pipeline was still running), so an idle branch costs one request per poll.
 * Docs: https://docs.gitlab.com/api/merge_requests/#list-project-merge-requests (source_branch,
 * state=opened, detailed_merge_status), https://docs.gitlab.com/api/merge_requests/#get-single-mr
 * (head_pipeline), https://docs.gitlab.com/api/merge_request_approvals/ ("Get configuration for a
 * merge request": GET /projects/:id/merge_requests/:merge_request_iid/approvals with
 * approvals_required, approvals_left, approved_by).
 */
import type { GateCheck, GateCheckState, MergeReadiness, MergeState } from '../../core/gate/mergeReadiness';
import type { RepoRef } from '../../core/model';
import type { RequestOptions } from '../../core/ci/provider';
import { asArray, asRecord, num, requireArray, requireRecord, str, type JsonRecord } from '../http';
import type { GitLabHttp } from './http';
import { encodeProject } from './urls';

const PENDING_MERGE = new Set(['checking', 'unchecked', 'preparing', 'ci_still_running', 'approvals_syncing']);
const PENDING_PIPELINE = new Set(['created', 'waiting_for_resource', 'preparing', 'pending', 'running', 'scheduled', 'waiting_for_callback']);
const PASSING_PIPELINE = new Set(['success', 'skipped', 'manual']);

/** detailed_merge_status onto the provider-neutral merge state. */
export function gitlabMergeState(status: string | undefined): MergeState {
  if (status === undefined) {
    return 'unknown';
  }
  if (status === 'mergeable') {
    return 'clean';
  }
  return PENDING_MERGE.has(status) ? 'pending' : 'blocked';
}

function pipelineState(status: string): GateCheckState {
  return PASSING_PIPELINE.has(status) ? 'passing' : PENDING_PIPELINE.has(status) ? 'pending' : 'failing';
}

interface Details {
  readonly updatedAt: string;
  readonly pipeline: GateCheck | undefined;
  readonly approvals: MergeReadiness['approvals'];
}

export class GitLabMergeGate {
  /** Per project and branch: the MR's details as of its updated_at. */
  private readonly details = new Map<string, Details & { readonly iid: number }>();

  constructor(private readonly http: GitLabHttp) {}

  async read(repo: RepoRef, branch: string, options: RequestOptions = {}): Promise<MergeReadiness | undefined> {
    const project = encodeProject(repo.slug);
    const key = `${repo.slug}\n${branch}`;
    const listed = await this.http.request({
      path: `/projects/${project}/merge_requests`,
      query: { source_branch: branch, state: 'opened', per_page: 1 },
      what: `merge requests of ${branch} in ${repo.slug}`,
      signal: options.signal,
    });
    const first = requireArray(listed.body, `GitLab merge requests of ${branch} in ${repo.slug}`)[0];
    if (first === undefined) {
      this.details.delete(key);
      return undefined;
    }
    const mr = requireRecord(first, `GitLab merge request of ${branch} in ${repo.slug}`, ['iid', 'web_url']);
    const iid = num(mr, 'iid') ?? 0;
    const updatedAt = str(mr, 'updated_at') ?? '';
    const known = this.details.get(key);
    const fresh = known !== undefined && known.iid === iid && known.updatedAt === updatedAt && known.pipeline?.state !== 'pending';
    const details = fresh ? known : await this.readDetails(repo, project, iid, updatedAt, mr, known, options.signal);
    this.details.set(key, { ...details, iid });
    return {
      reference: `!${iid}`,
      number: iid,
      title: str(mr, 'title') ?? '',
      webUrl: str(mr, 'web_url') ?? '',
      sourceBranch: str(mr, 'source_branch') ?? branch,
      targetBranch: str(mr, 'target_branch') ?? '',
      headSha: str(mr, 'sha') ?? '',
      noun: 'merge request',
      requiredKnown: true,
      checks: details.pipeline === undefined ? [] : [details.pipeline],
      approvals: details.approvals,
      mergeState: gitlabMergeState(str(mr, 'detailed_merge_status')),
      rawMergeStatus: str(mr, 'detailed_merge_status'),
    };
  }

  clear(): void {
    this.details.clear();
  }

  /** The head pipeline (from the list when it has one, else the MR itself) and, when updated_at moved, the approvals. */
  private async readDetails(repo: RepoRef, project: string, iid: number, updatedAt: string, listed: JsonRecord, known: Details | undefined, signal: AbortSignal | undefined): Promise<Details> {
    const base = `/projects/${project}/merge_requests/${iid}`;
    const approvalsStale = known === undefined || known.updatedAt !== updatedAt;
    const [pipelineOwner, approvals] = await Promise.all([
      listed.head_pipeline !== undefined ? listed : this.http.request({ path: base, what: `merge request !${iid} of ${repo.slug}`, signal }).then((response) => requireRecord(response.body, `GitLab merge request !${iid} of ${repo.slug}`, ['iid'])),
      approvalsStale ? this.approvals(repo, base, iid, signal) : known.approvals,
    ]);
    const pipeline = asRecord(pipelineOwner.head_pipeline);
    const status = str(pipeline, 'status');
    const check: GateCheck | undefined = status === undefined ? undefined : { name: `Pipeline #${num(pipeline, 'iid') ?? num(pipeline, 'id') ?? ''}`, state: pipelineState(status), required: true, webUrl: str(pipeline, 'web_url') };
    return { updatedAt, pipeline: check, approvals };
  }

  private async approvals(repo: RepoRef, base: string, iid: number, signal: AbortSignal | undefined): Promise<MergeReadiness['approvals']> {
    const response = await this.http.request({ path: `${base}/approvals`, what: `approvals of merge request !${iid} of ${repo.slug}`, signal });
    const body = requireRecord(response.body, `GitLab approvals of merge request !${iid} of ${repo.slug}`);
    const required = num(body, 'approvals_required') ?? 0;
    const left = num(body, 'approvals_left') ?? 0;
    return { given: asArray(body.approved_by).length, required, left };
  }
}
