/**
 * Each mutation the descriptor's features offer is sent exactly once: on success, and also when
 * the server answers 500/502 or the connection resets (DEVELOPERS.md: mutations are never retried).
 */
import assert from 'node:assert/strict';
import { NetworkError, ServerError, type CiError } from '../../../../src/core/errors';
import { caseIt, type CaseContext } from './context';
import { MUTATIONS, type MutationCall } from './features';
import { isMutation, type FaultClass } from './harness';

const ALWAYS = 50;

const FAILURES: readonly [FaultClass, abstract new (...args: never[]) => CiError][] = [
  ['500', ServerError],
  ['502', ServerError],
  ['reset', NetworkError],
];

function send(c: CaseContext, feature: string, call: MutationCall): Promise<unknown> {
  const pending = call(c.provider, c.fake.repo, c.fake.seed.targets);
  assert.ok(pending, `the provider implements the operation of feature ${feature}`);
  return pending;
}

function writes(c: CaseContext): string[] {
  return c.fake.requests().filter(isMutation).map((request) => `${request.method} ${request.path}`);
}

export function mutationCases(c: CaseContext): void {
  for (const feature of c.harness.descriptor.features) {
    const call = MUTATIONS[feature];
    if (call === undefined) {
      continue;
    }
    caseIt(c, `sends ${feature} exactly once`, async () => {
      c.fake.clearRequests();
      await send(c, feature, call);
      assert.equal(writes(c).length, 1, writes(c).join(', '));
    });
    for (const [fault, type] of FAILURES) {
      caseIt(c, `sends ${feature} exactly once when the server answers ${fault} (no retry)`, async () => {
        c.fake.clearRequests();
        c.fake.inject(fault, { times: ALWAYS, mutationsOnly: true });
        await assert.rejects(send(c, feature, call), type);
        assert.equal(writes(c).length, 1, writes(c).join(', '));
      });
    }
  }
}
