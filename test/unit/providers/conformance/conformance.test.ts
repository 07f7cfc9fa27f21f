/** Runs the provider conformance suite (suite.ts) for every provider; a new provider adds its harness here. */
import assert from 'node:assert/strict';
import { PROVIDERS } from '../../../../src/providers';
import { githubHarness } from './github.harness';
import { gitlabHarness } from './gitlab.harness';
import type { ConformanceHarness } from './harness';
import { runConformance } from './suite';

const HARNESSES: readonly ConformanceHarness[] = [
  githubHarness,
  gitlabHarness,
];

describe('provider conformance', () => {
  it('has a harness for every provider in PROVIDERS', () => {
    assert.deepEqual(HARNESSES.map((h) => h.kind).sort(), PROVIDERS.map((d) => d.kind).sort());
  });
});

for (const harness of HARNESSES) {
  runConformance(harness);
}
