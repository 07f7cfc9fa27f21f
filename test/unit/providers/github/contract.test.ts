/**
 * The fake must not drift from the real API: every object it serves carries the
 * properties the official OpenAPI schema marks `required` (nested $refs included).
 */
import assert from 'node:assert/strict';
import { SAMPLE_SHA, SAMPLE_TOKEN, sampleData } from '../../../fakes/github/sample';
import { startFakeGitHub, type FakeGitHub } from '../../../fakes/github/server';
import { loadGitHubRestDescription, resolveRef, type Schema } from '../../../support/openapiRequests';

const spec = loadGitHubRestDescription();

function resolve(schema: Schema): Schema {
  return resolveRef(spec, schema);
}

/** Paths of required properties missing in `value`, recursing into present objects and arrays. */
function missingRequired(schema: Schema, value: unknown, path: string, depth = 0): string[] {
  const resolved = resolve(schema);
  if (depth > 6 || value === null || value === undefined) {
    return [];
  }
  const variants = resolved.allOf ?? [];
  const missing = variants.flatMap((part) => missingRequired(part, value, path, depth + 1));
  if (Array.isArray(value)) {
    return resolved.items ? value.flatMap((item, index) => missingRequired(resolved.items as Schema, item, `${path}[${index}]`, depth + 1)) : missing;
  }
  if (typeof value !== 'object') {
    return missing;
  }
  const record = value as Record<string, unknown>;
  for (const key of resolved.required ?? []) {
    if (!(key in record)) {
      missing.push(`${path}.${key}`);
    }
  }
  for (const [key, property] of Object.entries(resolved.properties ?? {})) {
    missing.push(...missingRequired(property, record[key], `${path}.${key}`, depth + 1));
  }
  return missing;
}

function schema(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

describe('fake github contract (OpenAPI required properties)', () => {
  let server: FakeGitHub;
  before(async () => {
    server = await startFakeGitHub({ state: sampleData() });
  });
  after(async () => {
    await server.close();
  });

  async function get(path: string): Promise<unknown> {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `token ${SAMPLE_TOKEN}` } });
    assert.equal(response.status, 200, path);
    return response.json();
  }

  const cases: [string, string, (body: unknown) => unknown][] = [
    ['workflow-run', '/repos/octo/hello/actions/runs', (body) => (body as { workflow_runs: unknown[] }).workflow_runs],
    ['workflow-run', '/repos/octo/hello/actions/workflows/11/runs', (body) => (body as { workflow_runs: unknown[] }).workflow_runs],
    ['job', '/repos/octo/hello/actions/runs/202/jobs', (body) => (body as { jobs: unknown[] }).jobs],
    ['workflow', '/repos/octo/hello/actions/workflows', (body) => (body as { workflows: unknown[] }).workflows],
    ['full-repository', '/repos/octo/hello', (body) => [body]],
    ['check-run', `/repos/octo/hello/commits/${SAMPLE_SHA}/check-runs`, (body) => (body as { check_runs: unknown[] }).check_runs],
    ['check-annotation', '/repos/octo/hello/check-runs/401/annotations', (body) => body],
    ['simple-user', '/user', (body) => [body]],
  ];
  for (const [name, path, pick] of cases) {
    it(`serves ${name} objects from ${path} with every required property`, async () => {
      const items = pick(await get(path)) as unknown[];
      assert.ok(items.length > 0, 'expected at least one object to check');
      const missing = items.flatMap((item, index) => missingRequired(schema(name), item, `${name}[${index}]`));
      assert.deepEqual(missing, []);
    });
  }

  it('detects a missing required property (the check itself can fail)', () => {
    assert.deepEqual(missingRequired(schema('workflow'), { id: 1 }, 'w').length, 9);
  });
});
