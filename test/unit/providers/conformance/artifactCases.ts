/**
 * The 'artifacts' feature (suite.ts runs these only when the descriptor lists it): a run's
 * artifacts are listed with the expired ones flagged, each downloads to exactly the seeded bytes
 * as a stream, no credential reaches a storage host on another origin, and an expired one is a
 * GoneError, never a download.
 */
import assert from 'node:assert/strict';
import type { Artifact } from '../../../../src/core/ci/operations';
import { GoneError } from '../../../../src/core/errors';
import { caseIt, type CaseContext } from './context';
import type { ArtifactSeed } from './harness';

function seedOf(c: CaseContext): ArtifactSeed {
  const seed = c.fake.seed.artifacts;
  assert.ok(seed, `the ${c.harness.kind} harness seeds artifacts (its descriptor lists the 'artifacts' feature)`);
  return seed;
}

async function listed(c: CaseContext, seed: ArtifactSeed): Promise<readonly Artifact[]> {
  const artifacts = await c.provider.listArtifacts?.(c.fake.repo, seed.runId);
  assert.ok(artifacts, 'listArtifacts is implemented');
  return artifacts;
}

async function bytesOf(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) {
    assert.ok(chunk instanceof Uint8Array, 'the body yields byte chunks');
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

async function downloadAll(c: CaseContext, seed: ArtifactSeed): Promise<Map<string, Buffer>> {
  const artifacts = await listed(c, seed);
  const got = new Map<string, Buffer>();
  for (const expected of seed.expect) {
    const artifact = artifacts.find((item) => item.name === expected.name);
    assert.ok(artifact, `artifact ${expected.name} is listed`);
    const download = await c.provider.openArtifact?.(c.fake.repo, artifact);
    assert.ok(download, 'openArtifact is implemented');
    assert.ok(download.fileName !== '' && !/[\\/]/.test(download.fileName), `file name "${download.fileName}" has no path separators`);
    got.set(expected.name, await bytesOf(download.body));
  }
  return got;
}

export function artifactCases(c: CaseContext): void {
  caseIt(c, 'artifacts: lists a run\'s artifacts with size, and flags the expired one', async () => {
    const seed = seedOf(c);
    const artifacts = await listed(c, seed);
    for (const expected of seed.expect) {
      const artifact = artifacts.find((item) => item.name === expected.name);
      assert.ok(artifact, `artifact ${expected.name} is listed (got ${artifacts.map((item) => item.name).join(', ')})`);
      assert.equal(artifact.expired, false, `${expected.name} is not expired`);
      assert.ok(artifact.id !== '', 'it has an id');
      assert.ok(artifact.sizeBytes === undefined || artifact.sizeBytes === expected.bytes.byteLength, `${expected.name}: size ${artifact.sizeBytes} = ${expected.bytes.byteLength}`);
      assert.ok(artifact.expiresAt === undefined || Number.isFinite(artifact.expiresAt));
    }
    if (seed.expiredName !== undefined) {
      assert.equal(artifacts.find((item) => item.name === seed.expiredName)?.expired, true, `${seed.expiredName} is flagged as expired`);
    }
    assert.equal(new Set(artifacts.map((item) => item.id)).size, artifacts.length, 'ids are unique');
  });

  caseIt(c, 'artifacts: each downloads, streamed, to exactly its bytes', async () => {
    const seed = seedOf(c);
    const got = await downloadAll(c, seed);
    const artifacts = await listed(c, seed);
    for (const expected of seed.expect) {
      assert.deepEqual(got.get(expected.name), Buffer.from(expected.bytes), `${expected.name}: the bytes`);
      if (artifacts.find((item) => item.name === expected.name)?.format === 'zip') {
        assert.deepEqual([...(got.get(expected.name) ?? Buffer.alloc(0)).subarray(0, 2)], [0x50, 0x4b], `${expected.name} is a zip`);
      }
    }
  });

  caseIt(c, 'artifacts: the token never reaches the storage host a download redirects to', async () => {
    const seed = seedOf(c);
    await downloadAll(c, seed);
    if (seed.storageRequests === undefined) {
      return;
    }
    const seen = seed.storageRequests();
    assert.ok(seen.length > 0, 'the downloads went through the storage host');
    assert.deepEqual(seen.filter((request) => request.credentials).map((request) => request.path), [], 'no storage request carried a credential');
  });

  caseIt(c, 'artifacts: an expired artifact is a GoneError, not a download', async () => {
    const seed = seedOf(c);
    if (seed.expiredName === undefined) {
      return;
    }
    const expired = (await listed(c, seed)).find((item) => item.name === seed.expiredName);
    assert.ok(expired, `${seed.expiredName} is listed`);
    await assert.rejects(async () => c.provider.openArtifact?.(c.fake.repo, expired), GoneError);
  });
}
