/**
 * The boundary schemas (src/providers/github/schemas.ts) against GitHub's REST description
 * (test/fixtures/github-rest-flowforge.openapi.json, from @octokit/openapi): every field checked
 * exists there with that type; a field is required only where the description requires it and
 * refuses null only where the description does, so no answer GitHub may send is dropped.
 */
import assert from 'node:assert/strict';
import type { FieldSpec, FieldType, ShapeSpec } from '../../../../src/providers/http/shape';
import * as schemas from '../../../../src/providers/github/schemas';
import * as gateSchemas from '../../../../src/providers/github/mergeGateSchemas';
import { loadGitHubRestDescription, resolveRef, type Schema } from '../../../support/openapiRequests';

const spec = loadGitHubRestDescription();

function component(name: string): Schema {
  const found = spec.components.schemas[name];
  assert.ok(found, `components/schemas/${name}`);
  return found;
}

function response(path: string): Schema {
  const operation = spec.paths[path]?.get as unknown as { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> } | undefined;
  const schema = operation?.responses['200']?.content?.['application/json']?.schema;
  assert.ok(schema, `GET ${path} 200`);
  return schema;
}

/** The schema with $refs followed and allOf parts merged. */
function flat(schema: Schema): Schema {
  const resolved = resolveRef(spec, schema);
  if (!resolved.allOf) {
    return resolved;
  }
  const parts = resolved.allOf.map(flat);
  return {
    ...resolved,
    required: parts.flatMap((part) => part.required ?? []).concat(resolved.required ?? []),
    properties: Object.assign({}, ...parts.map((part) => part.properties ?? {}), resolved.properties ?? {}) as Record<string, Schema>,
  };
}

function typeOf(schema: Schema): { type: string | undefined; nullable: boolean } {
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  const type = types.find((name) => name !== 'null') ?? (schema.properties ? 'object' : undefined);
  return { type, nullable: schema.nullable === true || types.includes('null') };
}

const DESCRIPTION_TYPE: Readonly<Record<FieldType, string>> = {
  string: 'string', id: 'integer', integer: 'integer', number: 'number', boolean: 'boolean', object: 'object', array: 'array',
};

function problems(shape: ShapeSpec, schema: Schema, where: string): string[] {
  const described = flat(schema);
  const out: string[] = [];
  for (const [key, given] of Object.entries(shape)) {
    const field: FieldSpec = typeof given === 'string' ? { type: given } : given;
    const property = described.properties?.[key];
    if (property === undefined) {
      out.push(`${where}.${key}: not in the description`);
      continue;
    }
    const resolved = flat(property);
    const { type, nullable } = typeOf(resolved);
    if (type !== DESCRIPTION_TYPE[field.type]) {
      out.push(`${where}.${key}: ${field.type} here, ${String(type)} in the description`);
    }
    if (!field.optional && !(described.required ?? []).includes(key)) {
      out.push(`${where}.${key}: required here, optional in the description`);
    }
    if (!field.nullable && nullable) {
      out.push(`${where}.${key}: refuses null, which the description allows`);
    }
    if (field.fields) {
      out.push(...problems(field.fields, resolved, `${where}.${key}`));
    }
  }
  return out;
}

const STEPS = (flat(component('job')).properties?.['steps']?.items ?? {});

const CASES: readonly [string, ShapeSpec, Schema][] = [
  ['RUN', schemas.RUN, component('workflow-run')],
  ['RUN_PAGE', schemas.RUN_PAGE, response('/repos/{owner}/{repo}/actions/runs')],
  ['RUN_PAGE (a workflow\'s runs)', schemas.RUN_PAGE, response('/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs')],
  ['JOB', schemas.JOB, component('job')],
  ['STEP', schemas.STEP, STEPS],
  ['JOB_PAGE', schemas.JOB_PAGE, response('/repos/{owner}/{repo}/actions/runs/{run_id}/jobs')],
  ['WORKFLOW', schemas.WORKFLOW, component('workflow')],
  ['WORKFLOW_PAGE', schemas.WORKFLOW_PAGE, response('/repos/{owner}/{repo}/actions/workflows')],
  ['CHECK_RUN', schemas.CHECK_RUN, component('check-run')],
  ['CHECK_RUN_PAGE', schemas.CHECK_RUN_PAGE, response('/repos/{owner}/{repo}/commits/{ref}/check-runs')],
  ['ANNOTATION', schemas.ANNOTATION, component('check-annotation')],
  ['REPOSITORY', schemas.REPOSITORY, component('full-repository')],
  ['USER', schemas.USER, component('simple-user')],
  ['NAMED (branch)', schemas.NAMED, component('short-branch')],
  ['NAMED (tag)', schemas.NAMED, component('tag')],
  ['ENVIRONMENT_PAGE', schemas.ENVIRONMENT_PAGE, response('/repos/{owner}/{repo}/environments')],
  ['ENVIRONMENT', schemas.ENVIRONMENT, component('environment')],
  ['PENDING_DEPLOYMENT', schemas.PENDING_DEPLOYMENT, component('pending-deployment')],
  ['ARTIFACT', schemas.ARTIFACT, component('artifact')],
  ['ARTIFACT_PAGE', schemas.ARTIFACT_PAGE, response('/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts')],
];

describe('github boundary schemas against the REST description', () => {
  for (const [name, shape, schema] of CASES) {
    it(`${name}: every field as the description has it, never stricter`, () => {
      assert.deepEqual(problems(shape, schema, name), []);
    });
  }

  it('catches a schema stricter than the description (the check can fail)', () => {
    assert.deepEqual(problems({ conclusion: 'string', run_attempt: 'integer', nope: 'string', id: 'string' }, component('workflow-run'), 'X'), [
      'X.conclusion: refuses null, which the description allows',
      'X.run_attempt: required here, optional in the description',
      'X.nope: not in the description',
      'X.id: string here, integer in the description',
    ]);
  });
});

describe('github merge gate schemas against the REST description', () => {
  const cases: readonly [string, ShapeSpec, string][] = [
    ['PULL_SIMPLE', gateSchemas.PULL_SIMPLE, 'pull-request-simple'],
    ['PULL', gateSchemas.PULL, 'pull-request'],
    ['BRANCH_WITH_PROTECTION', gateSchemas.BRANCH_WITH_PROTECTION, 'branch-with-protection'],
    ['COMBINED_STATUS', gateSchemas.COMBINED_STATUS, 'combined-commit-status'],
    ['COMMIT_STATUS', gateSchemas.COMMIT_STATUS, 'simple-commit-status'],
  ];
  for (const [name, shape, name2] of cases) {
    it(`${name}: every field as components/schemas/${name2} has it, never stricter`, () => {
      assert.deepEqual(problems(shape, component(name2), name), []);
    });
  }
});
