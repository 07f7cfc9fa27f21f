/**
 * Boundary shapes of the merge-gate reads (mergeGate.ts), from GitHub's REST description
 * (@octokit/openapi, components named beside each; test/unit/providers/github/mergeGate.test.ts
 * holds them against test/fixtures/github-rest-flowforge.openapi.json). The rules endpoint is not in
 * that subset: its shape follows https://docs.github.com/en/rest/repos/rules#get-rules-for-a-branch.
 */
import type { ShapeSpec } from '../http/shape';

const ref: ShapeSpec = { ref: 'string', sha: 'string' };

/** components/schemas/pull-request-simple (items of GET /repos/{owner}/{repo}/pulls) */
export const PULL_SIMPLE: ShapeSpec = {
  number: 'integer',
  title: 'string',
  html_url: 'string',
  updated_at: 'string',
  head: { type: 'object', fields: ref },
  base: { type: 'object', fields: ref },
  draft: { type: 'boolean', optional: true },
};

/** components/schemas/pull-request (GET /repos/{owner}/{repo}/pulls/{pull_number}) */
export const PULL: ShapeSpec = {
  number: 'integer',
  mergeable_state: 'string',
  head: { type: 'object', fields: ref },
};

/** components/schemas/branch-with-protection (GET /repos/{owner}/{repo}/branches/{branch}) */
export const BRANCH_WITH_PROTECTION: ShapeSpec = {
  protected: 'boolean',
  protection: {
    type: 'object',
    fields: {
      required_status_checks: { type: 'object', optional: true, fields: { contexts: 'array', checks: 'array' } },
    },
  },
};

/** items of GET /repos/{owner}/{repo}/rules/branches/{branch}: a rule with its type (and parameters for some types) */
export const BRANCH_RULE: ShapeSpec = { type: 'string', parameters: { type: 'object', optional: true } };

/** components/schemas/combined-commit-status (GET /repos/{owner}/{repo}/commits/{ref}/status) */
export const COMBINED_STATUS: ShapeSpec = { state: 'string', statuses: 'array' };

/** components/schemas/simple-commit-status */
export const COMMIT_STATUS: ShapeSpec = { context: 'string', state: 'string', target_url: { type: 'string', nullable: true } };
