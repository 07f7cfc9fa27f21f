import assert from 'node:assert/strict';
import type { Artifact } from '../../../src/core/ci/operations';
import { GoneError } from '../../../src/core/errors';
import type { HostMessage } from '../../../src/shared/protocol';
import { validateWebviewMessage } from '../../../src/shared/validate';
import { RunArtifacts, toArtifactView, type PanelArtifactSource } from '../../../src/webview/runArtifacts';

const COVERAGE: Artifact = { id: '901', name: 'coverage', sizeBytes: 2048, expiresAt: Date.UTC(2099, 0, 1), expired: false, format: 'zip' };
const OLD: Artifact = { id: '903', name: 'old', expired: true, format: 'zip' };

function source(list: () => Promise<readonly Artifact[]>, supports = true): PanelArtifactSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    supports: () => supports,
    list,
    download: (_key, artifact) => Promise.resolve(calls.push(`download ${artifact.id}`)),
    openText: (_key, artifact) => (artifact.expired ? Promise.reject(new GoneError('expired')) : Promise.resolve(calls.push(`open ${artifact.id}`))),
  };
}

describe('run panel artifacts', () => {
  it('posts the listed artifacts as views (ISO expiry), and acts only on listed ids', async () => {
    const posted: HostMessage[] = [];
    const failures: string[] = [];
    const src = source(() => Promise.resolve([COVERAGE, OLD]));
    const artifacts = new RunArtifacts(src, 'github|x', (message) => posted.push(message), (message) => failures.push(message));
    await artifacts.send('202');
    assert.deepEqual(posted, [{ type: 'artifacts', artifacts: [toArtifactView(COVERAGE), toArtifactView(OLD)] }]);
    assert.equal(toArtifactView(COVERAGE).expiresAt, '2099-01-01T00:00:00.000Z');
    await artifacts.act('download', '901');
    await artifacts.act('open', 'nope');
    await artifacts.act('open', '903');
    assert.deepEqual(src.calls, ['download 901']);
    assert.equal(failures.length, 2);
    assert.match(failures[0] ?? '', /unknown artifact nope/);
  });

  it('says why when the list fails, and sends nothing for providers without artifacts', async () => {
    const posted: HostMessage[] = [];
    await new RunArtifacts(source(() => Promise.reject(new Error('boom'))), 'k', (m) => posted.push(m), () => undefined).send('1');
    assert.equal(posted[0]?.type === 'artifacts' && posted[0].error?.includes('boom'), true);
    const none: HostMessage[] = [];
    await new RunArtifacts(source(() => Promise.resolve([COVERAGE]), false), 'k', (m) => none.push(m), () => undefined).send('1');
    await new RunArtifacts(undefined, 'k', (m) => none.push(m), () => undefined).send('1');
    assert.deepEqual(none, []);
  });

  it('validates artifact messages from the webview', () => {
    assert.deepEqual(validateWebviewMessage({ type: 'artifact', action: 'download', artifactId: '901' }), { type: 'artifact', action: 'download', artifactId: '901' });
    assert.deepEqual(validateWebviewMessage({ type: 'artifact', action: 'open', artifactId: 'target/app.jar' }), { type: 'artifact', action: 'open', artifactId: 'target/app.jar' });
    assert.equal(validateWebviewMessage({ type: 'artifact', action: 'delete', artifactId: '901' }), undefined);
    assert.equal(validateWebviewMessage({ type: 'artifact', action: 'download', artifactId: '' }), undefined);
    assert.equal(validateWebviewMessage({ type: 'artifact', action: 'download', artifactId: 'a\u0000b' }), undefined);
    assert.equal(validateWebviewMessage({ type: 'artifact', action: 'download', artifactId: 'x'.repeat(2000) }), undefined);
    assert.equal(validateWebviewMessage({ type: 'artifact', action: 'download', artifactId: 7 }), undefined);
  });
});
