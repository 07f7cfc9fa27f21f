/**
 * The shape of every GitHub answer FlowForge reads, checked at the boundary (session.ts): the fields
 * the mapping uses, with the types GitHub's REST description (@octokit/openapi, the components named
 * beside each spec) gives them. A field is required here only where the description requires it,
 * and never stricter than it (test/unit/providers/github/schemas.test.ts checks both against the
 * description); fields the mapping can do without are optional.
 */
import type { FieldSpec, ShapeSpec } from '../http/shape';

const text = (optional = false): FieldSpec => ({ type: 'string', optional });
const nullableText = (optional = false): FieldSpec => ({ type: 'string', nullable: true, optional });
const login: FieldSpec = { type: 'object', nullable: true, optional: true, fields: { login: 'string' } };

/** components/schemas/workflow-run */
export const RUN: ShapeSpec = {
  id: 'integer',
  name: nullableText(true),
  workflow_id: 'integer',
  path: text(true),
  run_number: 'integer',
  run_attempt: { type: 'integer', optional: true },
  display_title: text(true),
  head_commit: { type: 'object', nullable: true, optional: true, fields: { message: 'string' } },
  head_branch: nullableText(),
  head_sha: 'string',
  event: 'string',
  actor: login,
  triggering_actor: login,
  status: nullableText(),
  conclusion: nullableText(),
  created_at: 'string',
  run_started_at: text(true),
  updated_at: 'string',
  html_url: 'string',
};

/** GET /repos/{owner}/{repo}/actions/runs (and a workflow's runs): 200 */
export const RUN_PAGE: ShapeSpec = { total_count: 'integer', workflow_runs: 'array' };

/** components/schemas/job, items of `steps` */
export const STEP: ShapeSpec = {
  number: 'integer',
  name: 'string',
  status: 'string',
  conclusion: nullableText(),
  started_at: nullableText(true),
  completed_at: nullableText(true),
};

/** components/schemas/job (started_at is null on queued jobs in practice, so null is let through) */
export const JOB: ShapeSpec = {
  id: 'integer',
  run_id: 'integer',
  name: 'string',
  status: 'string',
  conclusion: nullableText(),
  started_at: nullableText(),
  completed_at: nullableText(),
  html_url: nullableText(),
  steps: { type: 'array', optional: true },
};

/** GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs: 200 */
export const JOB_PAGE: ShapeSpec = { total_count: 'integer', jobs: 'array' };

/** components/schemas/workflow */
export const WORKFLOW: ShapeSpec = { id: 'integer', name: 'string', path: 'string', state: 'string', html_url: 'string' };

/** GET /repos/{owner}/{repo}/actions/workflows: 200 */
export const WORKFLOW_PAGE: ShapeSpec = { total_count: 'integer', workflows: 'array' };

/** components/schemas/check-run */
export const CHECK_RUN: ShapeSpec = {
  id: 'integer',
  name: 'string',
  status: 'string',
  conclusion: nullableText(),
  html_url: nullableText(),
  details_url: nullableText(true),
  output: { type: 'object', fields: { title: nullableText(), summary: nullableText(), annotations_count: 'integer' } },
};

/** GET /repos/{owner}/{repo}/commits/{ref}/check-runs: 200 */
export const CHECK_RUN_PAGE: ShapeSpec = { total_count: 'integer', check_runs: 'array' };

/** components/schemas/check-annotation */
export const ANNOTATION: ShapeSpec = {
  path: 'string',
  start_line: 'integer',
  end_line: 'integer',
  start_column: { type: 'integer', nullable: true },
  end_column: { type: 'integer', nullable: true },
  annotation_level: nullableText(),
  title: nullableText(),
  message: nullableText(),
  raw_details: nullableText(),
};

/** components/schemas/full-repository */
export const REPOSITORY: ShapeSpec = { html_url: 'string', default_branch: text(true) };

/** components/schemas/simple-user (and private-user, public-user) */
export const USER: ShapeSpec = { login: 'string' };

/** components/schemas/short-branch and tag */
export const NAMED: ShapeSpec = { name: 'string' };

/** GET /repos/{owner}/{repo}/environments: 200 */
export const ENVIRONMENT_PAGE: ShapeSpec = { environments: { type: 'array', optional: true } };

/** components/schemas/environment */
export const ENVIRONMENT: ShapeSpec = { id: 'integer', name: 'string' };

/** components/schemas/pending-deployment */
export const PENDING_DEPLOYMENT: ShapeSpec = {
  environment: { type: 'object', fields: { id: { type: 'integer', optional: true }, name: text(true) } },
  wait_timer: 'integer',
  current_user_can_approve: 'boolean',
  reviewers: 'array',
};

/** components/schemas/artifact */
export const ARTIFACT: ShapeSpec = {
  id: 'integer',
  name: 'string',
  size_in_bytes: 'integer',
  expired: 'boolean',
  expires_at: nullableText(),
};

/** GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts: 200 */
export const ARTIFACT_PAGE: ShapeSpec = { total_count: 'integer', artifacts: 'array' };
