import * as assert from 'node:assert/strict';
import { offersFor } from '../../../src/core/ci/detection';

describe('CI detection offers', () => {
  const detected = [
    { kind: 'gitlab', file: '.gitlab-ci.yml' },
    { kind: 'github', file: '.github/workflows/ci.yml' },
    { kind: 'gitlab', file: 'sub/.gitlab-ci.yml' },
    { kind: 'buildkite', file: '.buildkite/pipeline.yml' },
  ];

  it('offers each detected system without a signed-in account once, with its first file', () => {
    assert.deepEqual(offersFor(detected, (kind) => kind === 'github', new Set()), [
      { kind: 'gitlab', file: '.gitlab-ci.yml' },
      { kind: 'buildkite', file: '.buildkite/pipeline.yml' },
    ]);
  });

  it('offers nothing the user dismissed or is signed in to', () => {
    assert.deepEqual(offersFor(detected, (kind) => kind !== 'buildkite', new Set(['buildkite'])), []);
    assert.deepEqual(offersFor([], () => false, new Set()), []);
  });
});
