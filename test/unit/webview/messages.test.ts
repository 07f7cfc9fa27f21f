import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dispatchWebviewMessage, resolveWorkspaceFile, type HostEffects } from '../../../src/webview/messages';

function recorder(folders: string[]): { effects: HostEffects; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record = (name: string) => (...args: unknown[]): void => void calls.push([name, ...args]);
  const effects: HostEffects = {
    ready: record('ready'),
    selectJob: record('selectJob'),
    openExternal: record('openExternal'),
    openFile: record('openFile'),
    runCommand: record('runCommand'),
    copy: record('copy'),
    openRawLog: record('openRawLog'),
    artifact: record('artifact'),
    rejected: record('rejected'),
    workspaceFolders: () => folders,
    realPath: (p) => {
      try {
        return fs.realpathSync(p);
      } catch {
        return undefined;
      }
    },
  };
  return { effects, calls };
}

describe('webview host message dispatch', () => {
  it('opens the raw log only for a well-formed job id', () => {
    const { effects, calls } = recorder([]);
    dispatchWebviewMessage({ type: 'openRawLog', jobId: '42' }, effects);
    dispatchWebviewMessage({ type: 'openRawLog', jobId: '../../etc' }, effects);
    dispatchWebviewMessage({ type: 'openRawLog' }, effects);
    assert.deepEqual(calls.map((c) => c[0]), ['openRawLog', 'rejected', 'rejected']);
    assert.deepEqual(calls[0], ['openRawLog', '42']);
  });

  let root: string;
  let outside: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ff-ws-')));
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ff-out-')));
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'x');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'x');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('opens files only inside the workspace folders', () => {
    const real = (p: string): string | undefined => (fs.existsSync(p) ? fs.realpathSync(p) : undefined);
    assert.equal(resolveWorkspaceFile('src/a.ts', [root], real), path.join(root, 'src', 'a.ts'));
    assert.equal(resolveWorkspaceFile('./src/a.ts', [root], real), path.join(root, 'src', 'a.ts'));
    assert.equal(resolveWorkspaceFile(path.join(root, 'src/a.ts'), [root], real), path.join(root, 'src', 'a.ts'));
    assert.equal(resolveWorkspaceFile('../' + path.basename(outside) + '/secret.txt', [root], real), undefined);
    assert.equal(resolveWorkspaceFile(path.join(outside, 'secret.txt'), [root], real), undefined);
    assert.equal(resolveWorkspaceFile('link.txt', [root], real), undefined, 'symlink out of the workspace');
    assert.equal(resolveWorkspaceFile('src/missing.ts', [root], real), undefined);
    assert.equal(resolveWorkspaceFile('src/a.ts', [], real), undefined);
  });

  it('maps absolute runner paths onto the workspace by their longest matching tail, and keeps dot-files', () => {
    const real = (p: string): string | undefined => (fs.existsSync(p) ? fs.realpathSync(p) : undefined);
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tmp', '.config-package.in'), 'x');
    fs.writeFileSync(path.join(root, 'a.ts'), 'top-level a.ts, a shorter tail');
    assert.equal(resolveWorkspaceFile('/builds/group/project/src/a.ts', [root], real), path.join(root, 'src', 'a.ts'));
    assert.equal(resolveWorkspaceFile('/home/runner/work/r/r/src/a.ts', [root], real), path.join(root, 'src', 'a.ts'));
    assert.equal(resolveWorkspaceFile('C:\\a\\r\\r\\src\\a.ts', [root], real), path.join(root, 'src', 'a.ts'));
    assert.equal(resolveWorkspaceFile('/builds/group/project/tmp/.config-package.in', [root], real), path.join(root, 'tmp', '.config-package.in'));
    assert.equal(resolveWorkspaceFile('tmp/.config-package.in', [root], real), path.join(root, 'tmp', '.config-package.in'));
    assert.equal(resolveWorkspaceFile('/builds/group/project/src/missing.ts', [root], real), undefined);
    assert.equal(resolveWorkspaceFile('/builds/x/../../link.txt', [root], real), undefined, 'a tail may not climb or leave through a symlink');
    assert.equal(resolveWorkspaceFile(path.join(outside, 'secret.txt'), [root], real), undefined);
    fs.rmSync(path.join(root, 'a.ts'));
  });

  it('dispatches valid messages and rejects the rest', () => {
    const { effects, calls } = recorder([root]);
    dispatchWebviewMessage({ type: 'ready' }, effects);
    dispatchWebviewMessage({ type: 'selectJob', jobId: '42' }, effects);
    dispatchWebviewMessage({ type: 'openFile', path: 'src/a.ts', line: 3, column: 2 }, effects);
    dispatchWebviewMessage({ type: 'openFile', path: '../../etc/passwd', line: 1 }, effects);
    dispatchWebviewMessage({ type: 'openExternal', url: 'https://example.com' }, effects);
    dispatchWebviewMessage({ type: 'openExternal', url: 'command:workbench.action.openSettings' }, effects);
    dispatchWebviewMessage({ type: 'runCommand', command: 'flowforge.cancelRun' }, effects);
    dispatchWebviewMessage({ type: 'runCommand', command: 'workbench.action.terminal.sendSequence' }, effects);
    dispatchWebviewMessage({ type: 'copy', text: 'abc' }, effects);
    assert.deepEqual(calls.map((c) => c[0]), ['ready', 'selectJob', 'openFile', 'rejected', 'openExternal', 'rejected', 'runCommand', 'rejected', 'copy']);
    assert.deepEqual(calls[2], ['openFile', path.join(root, 'src', 'a.ts'), 3, 2]);
  });
});
