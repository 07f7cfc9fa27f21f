import assert from 'node:assert/strict';
import { parseCommandOptions, parseCommandTarget, pipelineIdOf, runRefOf } from '../../../src/shared/commandArgs';

const KEY = 'kind|https://host.example|group/project';

describe('command arguments (which run a command acts on)', () => {
  it('reads the run panel\'s { repoKey, runId, webUrl } as that run', () => {
    assert.deepEqual(parseCommandTarget([{ repoKey: KEY, runId: '42', webUrl: 'https://host.example/r/42' }]), { kind: 'run', repoKey: KEY, runId: '42' });
  });

  it('reads a run node { repoKey, run } and a job node { repoKey, job }', () => {
    assert.deepEqual(parseCommandTarget([{ repoKey: KEY, run: { id: '7', pipelineName: 'CI' } }]), { kind: 'run', repoKey: KEY, runId: '7' });
    assert.deepEqual(parseCommandTarget([{ repoKey: KEY, job: { id: 'j1', runId: '7' } }]), { kind: 'job', repoKey: KEY, runId: '7', jobId: 'j1' });
  });

  it('reads positional strings (status bar, notifications, tree item commands)', () => {
    assert.deepEqual(parseCommandTarget([KEY, '7']), { kind: 'run', repoKey: KEY, runId: '7' });
    assert.deepEqual(parseCommandTarget([KEY, '7', 'j1']), { kind: 'job', repoKey: KEY, runId: '7', jobId: 'j1' });
    assert.deepEqual(parseCommandTarget([KEY]), { kind: 'repository', repoKey: KEY });
  });

  it('reads a repository or workflow node { repoKey } as its repository', () => {
    assert.deepEqual(parseCommandTarget([{ repoKey: KEY, pipeline: { id: 'p' } }]), { kind: 'repository', repoKey: KEY });
  });

  it('treats anything malformed as no target (the command asks), never as a guess', () => {
    for (const args of [[], [undefined], [null], [42], [''], [{}], [{ repoKey: 3, runId: '1' }], [{ repoKey: '', runId: '1' }], [[KEY, '1']], [{ repoKey: KEY, run: { id: 5 } }]]) {
      const target = parseCommandTarget(args);
      assert.ok(target === undefined || target.kind === 'repository', JSON.stringify(args));
    }
    assert.equal(parseCommandTarget([{ runId: '1' }]), undefined);
  });

  it('gives a job\'s run as the run to act on', () => {
    assert.deepEqual(runRefOf(parseCommandTarget([KEY, '7', 'j1'])), { kind: 'run', repoKey: KEY, runId: '7' });
    assert.equal(runRefOf(parseCommandTarget([KEY])), undefined);
  });

  it('finds { debug } options after the target, not inside it', () => {
    assert.deepEqual(parseCommandOptions([{ repoKey: KEY, runId: '1' }, { debug: true }]), { debug: true });
    assert.deepEqual(parseCommandOptions([KEY, '1', { debug: false }]), { debug: false });
    assert.deepEqual(parseCommandOptions([{ repoKey: KEY, runId: '1', debug: true }]), {});
  });
});

describe('pipelineIdOf', () => {
  it('reads the workflow of a workflow row and of a CodeLens argument', () => {
    assert.equal(pipelineIdOf({ repoKey: KEY, pipeline: { id: 'ci.yml', name: 'CI' } }), 'ci.yml');
    assert.equal(pipelineIdOf({ repoKey: KEY, pipelineId: '1001' }), '1001');
  });

  it('is undefined for anything else', () => {
    for (const arg of [undefined, KEY, { repoKey: KEY }, { pipelineId: '' }, { pipeline: { id: 7 } }, [{ pipelineId: '1' }]]) {
      assert.equal(pipelineIdOf(arg), undefined, JSON.stringify(arg));
    }
  });
});
