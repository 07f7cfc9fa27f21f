/** Runs the provider conformance suite (suite.ts) for every provider; a new provider adds its harness here. */
import assert from 'node:assert/strict';
import { PROVIDERS } from '../../../../src/providers';
import { bitbucketHarness } from './bitbucket.harness';
import { azureHarness } from './azure.harness';
import { buildkiteHarness } from './buildkite.harness';
import { githubHarness } from './github.harness';
import { gitlabHarness } from './gitlab.harness';
import type { ConformanceHarness } from './harness';
import { jenkinsHarness } from './jenkins.harness';
import { runConformance } from './suite';

const HARNESSES: readonly ConformanceHarness[] = [
  githubHarness,
  gitlabHarness,
  buildkiteHarness,
  jenkinsHarness,
  bitbucketHarness,
  azureHarness,
];

describe('provider conformance', () => {
  it('has a harness for every provider in PROVIDERS', () => {
    const kinds = new Set(HARNESSES.map((h) => h.kind));
    for (const descriptor of PROVIDERS) {
      assert.ok(kinds.has(descriptor.kind), `conformance/${descriptor.kind}.harness.ts is listed in HARNESSES`);
    }
  });
});

for (const harness of HARNESSES) {
  runConformance(harness);
}
