import assert from 'node:assert/strict';
import type { Logger } from '../../../../src/core/ports';
import { nullLogger } from '../../../../src/core/ports';
import { ServerError } from '../../../../src/core/errors';
import { requireShape, ShapeError, shapeProblems, wellShaped, type ShapeSpec } from '../../../../src/providers/http/shape';

const SPEC: ShapeSpec = {
  id: 'integer',
  name: 'string',
  conclusion: { type: 'string', nullable: true },
  title: { type: 'string', optional: true },
  owner: { type: 'object', fields: { login: 'string' } },
};

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...nullLogger, warnings, warn: (message: string) => void warnings.push(message) };
}

describe('shape checks at the boundary', () => {
  const good = { id: 1, name: 'build', conclusion: null, owner: { login: 'octocat' } };

  it('finds missing, null and wrongly typed fields, nested ones included', () => {
    assert.deepEqual(shapeProblems(good, SPEC), []);
    assert.deepEqual(shapeProblems({ ...good, title: 'ok', id: 2n }, SPEC), []);
    assert.deepEqual(shapeProblems({ name: 3, conclusion: 'success', title: null, owner: { login: {} } }, SPEC), [
      'id: missing',
      'name: a number, expected string',
      'title: null, expected string',
      'owner.login: an object, expected string',
    ]);
    assert.deepEqual(shapeProblems({ ...good, id: '[object Object]' }, SPEC), ['id: a string, expected integer']);
    assert.deepEqual(shapeProblems([good], SPEC), ['the answer: a list, expected an object']);
  });

  it('names a wholly wrong answer as a shape error (a server error), never a network one', () => {
    assert.throws(() => requireShape({ unexpected: 'shape', data: null }, { total_count: 'integer', workflow_runs: 'array' }, 'Runs of o/r'), (error: unknown) => {
      assert.ok(error instanceof ShapeError && error instanceof ServerError);
      assert.equal(error.kind, 'server');
      assert.equal(error.message, "Runs of o/r: the server's answer was not the expected shape: total_count: missing; workflow_runs: missing");
      return true;
    });
  });

  it('keeps the good items of a list, drops the malformed ones and reports them in one log line with the count', () => {
    const logger = recordingLogger();
    const kept = wellShaped([good, { ...good, id: 'undefined' }, { id: 3 }, { ...good, id: 4 }], SPEC, 'Runs of o/r', logger);
    assert.deepEqual(kept.map((item) => (item as { id: number }).id), [1, 4]);
    assert.equal(logger.warnings.length, 1);
    assert.match(logger.warnings[0] ?? '', /^Runs of o\/r: dropped 2 of 4 malformed items \(id: a string, expected integer\)$/);
    assert.deepEqual(wellShaped([good], SPEC, 'x', logger), [good]);
    assert.equal(logger.warnings.length, 1, 'no line when nothing is dropped');
    assert.throws(() => wellShaped({ unexpected: 'shape' }, SPEC, 'Runs', logger), /Runs: the server's answer was not the expected shape: an object, expected a list/);
  });
});
