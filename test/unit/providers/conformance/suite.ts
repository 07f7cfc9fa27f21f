/**
 * The provider conformance suite (issue #10): the same cases for every CI provider, each against
 * its own fake server through a ConformanceHarness. A fresh fake and provider per test, so cases
 * that mutate or break the fake never meet.
 */
import assert from 'node:assert/strict';
import type { CiProvider } from '../../../../src/core/ci/provider';
import { artifactCases } from './artifactCases';
import type { CaseContext } from './context';
import { descriptorCases } from './descriptorCases';
import { faultCases } from './faultCases';
import { faultMatrix } from './faultMatrix';
import type { ConformanceHarness, FakeHandle } from './harness';
import { lifecycleCases } from './lifecycleCases';
import { mutationCases } from './mutationCases';
import { readCases } from './readCases';

export function runConformance(harness: ConformanceHarness): void {
  describe(`provider conformance: ${harness.kind}`, function () {
    let fake: FakeHandle | undefined;
    let provider: CiProvider | undefined;
    const context: CaseContext = {
      harness,
      titles: new Set(),
      get fake() {
        assert.ok(fake, 'the fake is running');
        return fake;
      },
      get provider() {
        provider ??= context.fake.createProvider();
        return provider;
      },
    };

    beforeEach(async () => {
      fake = await harness.start();
    });
    afterEach(async () => {
      await fake?.stop();
      fake = undefined;
      provider = undefined;
    });

    describe('descriptor', () => descriptorCases(context));
    describe('reads', () => readCases(context));
    describe('faults', () => faultCases(context));
    describe('mutations', () => mutationCases(context));
    if (harness.descriptor.features.has('artifacts')) {
      describe('artifacts', () => artifactCases(context));
    }
    // 22 faults × every operation: `npm run test:faults` (FLOWFORGE_FAULT_MATRIX=1); kept out of the
    // default unit run, whose timing bounds it would tighten on a busy 2-core machine.
    if (process.env.FLOWFORGE_FAULT_MATRIX === '1') {
      describe('fault matrix', () => faultMatrix(context));
    }
    describe('lifecycle', () => lifecycleCases(context));

    it('lists known defects only for cases that exist', () => {
      const matrixRuns = process.env.FLOWFORGE_FAULT_MATRIX === '1';
      for (const title of Object.keys(harness.knownDefects ?? {}).filter((name) => matrixRuns || !name.startsWith('matrix: '))) {
        assert.ok(context.titles.has(title), `knownDefects names "${title}", which is no case of the suite`);
      }
    });
  });
}
