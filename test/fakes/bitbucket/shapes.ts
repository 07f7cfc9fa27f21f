/**
 * JSON of the fake Bitbucket Cloud, in the shapes of the official OpenAPI description
 * (test/fixtures/bitbucket/openapi-subset.json): every object carries its `type`, states nest
 * name -> stage/result, lists are paginated `{values, page, pagelen, size, next}`.
 */
import type { FakePipeline, FakePipelineState, FakeRepository, FakeStep, FakeStepState, FakeUser } from './state';

export function renderUser(user: FakeUser): Record<string, unknown> {
  return { type: 'user', uuid: user.uuid, display_name: user.displayName, nickname: user.nickname, account_id: '5b10a2844c20165700ede21g' };
}

export function renderRepository(repo: FakeRepository, web: string): Record<string, unknown> {
  const full = `${repo.workspace}/${repo.slug}`;
  return {
    type: 'repository',
    uuid: `{${repo.slug}-0000-4000-8000-000000000000}`,
    full_name: full,
    name: repo.name,
    slug: repo.slug,
    is_private: true,
    scm: 'git',
    mainbranch: { type: 'branch', name: repo.mainBranch },
    links: { html: { href: `${web}/${full}` } },
  };
}

const PIPELINE_RESULTS: Partial<Record<FakePipelineState, string>> = { SUCCESSFUL: 'successful', FAILED: 'failed', ERROR: 'error', STOPPED: 'stopped', EXPIRED: 'expired' };

export function renderPipelineState(state: FakePipelineState): Record<string, unknown> {
  if (state === 'PENDING') return { type: 'pipeline_state_pending', name: 'PENDING' };
  const result = PIPELINE_RESULTS[state];
  if (result !== undefined) return { type: 'pipeline_state_completed', name: 'COMPLETED', result: { type: `pipeline_state_completed_${result}`, name: state } };
  return { type: 'pipeline_state_in_progress', name: 'IN_PROGRESS', stage: { type: `pipeline_state_in_progress_${state.toLowerCase()}`, name: state } };
}

export function renderStepState(state: FakeStepState): Record<string, unknown> {
  switch (state) {
    case 'PENDING':
      return { type: 'pipeline_step_state_pending', name: 'PENDING' };
    case 'READY':
      return { type: 'pipeline_step_state_ready', name: 'READY' };
    case 'IN_PROGRESS':
      return { type: 'pipeline_step_state_in_progress', name: 'IN_PROGRESS' };
    default:
      return { type: 'pipeline_step_state_completed', name: 'COMPLETED', result: { type: `pipeline_step_state_completed_${state.toLowerCase()}`, name: state } };
  }
}

export function renderPipeline(p: FakePipeline, repo: FakeRepository | undefined, web: string): Record<string, unknown> {
  return {
    type: 'pipeline',
    uuid: p.uuid,
    build_number: p.buildNumber,
    creator: renderUser(p.creator),
    ...(repo ? { repository: { type: 'repository', full_name: `${repo.workspace}/${repo.slug}`, name: repo.name, uuid: `{${repo.slug}-0000-4000-8000-000000000000}` } } : {}),
    target: {
      type: 'pipeline_ref_target',
      ref_type: p.refType,
      ref_name: p.refName,
      commit: { type: 'commit', hash: p.commit },
      selector: { type: p.selector.type, ...(p.selector.pattern !== undefined ? { pattern: p.selector.pattern } : {}) },
    },
    trigger: { type: `pipeline_trigger_${p.trigger.toLowerCase()}`, name: p.trigger },
    state: renderPipelineState(p.state),
    created_on: p.createdOn,
    ...(p.completedOn !== undefined ? { completed_on: p.completedOn } : {}),
    build_seconds_used: 0,
    links: { self: { href: `${web}/2.0/repositories/${p.workspace}/${p.repo}/pipelines/${encodeURIComponent(p.uuid)}` } },
  };
}

export function renderStep(step: FakeStep, pipeline: FakePipeline): Record<string, unknown> {
  return {
    type: 'pipeline_step',
    uuid: step.uuid,
    name: step.name,
    pipeline: { type: 'pipeline', uuid: pipeline.uuid },
    state: renderStepState(step.state),
    ...(step.startedOn !== undefined ? { started_on: step.startedOn } : {}),
    ...(step.completedOn !== undefined ? { completed_on: step.completedOn } : {}),
    ...(step.manual ? { trigger: { type: 'pipeline_step_trigger_manual' } } : { trigger: { type: 'pipeline_step_trigger_automatic' } }),
    image: { name: 'node:22' },
    script_commands: [{ name: 'npm test', command: 'npm test' }],
  };
}

/** A test report summary of a step (counts per status). */
export function renderTestReport(step: FakeStep): Record<string, unknown> {
  const cases = step.testCases ?? [];
  const n = (status: string): number => cases.filter((c) => c.status === status).length;
  return {
    number_of_test_cases: cases.length,
    number_of_successful_test_cases: n('SUCCESS'),
    number_of_failed_test_cases: n('FAILED'),
    number_of_error_test_cases: n('ERROR'),
    number_of_skipped_test_cases: n('SKIPPED'),
  };
}

/** `{values, page, pagelen, size, next}` for page/pagelen (default 10, at most 100). */
export function paginated(items: readonly unknown[], url: URL): { readonly body: Record<string, unknown>; readonly bad?: string } {
  const pagelen = Number(url.searchParams.get('pagelen') ?? 10);
  const page = Number(url.searchParams.get('page') ?? 1);
  if (!Number.isInteger(pagelen) || pagelen < 1 || pagelen > 100 || !Number.isInteger(page) || page < 1) {
    return { body: {}, bad: 'Invalid pagelen or page' };
  }
  const values = items.slice((page - 1) * pagelen, page * pagelen);
  const next = new URL(url);
  next.searchParams.set('page', String(page + 1));
  return { body: { page, pagelen, size: items.length, values, ...(page * pagelen < items.length ? { next: next.toString() } : {}) } };
}
