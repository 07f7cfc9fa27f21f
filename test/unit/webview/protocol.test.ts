import { strict as assert } from 'node:assert';
import { LIMITS, isSafeWebUrl, summaryFormatOf, validateWebviewMessage } from '../../../src/shared/validate';

describe('webview protocol validation', () => {
  it('accepts every well-formed message', () => {
    const good = [
      { type: 'ready' },
      { type: 'selectJob', jobId: '12345' },
      { type: 'selectJob', jobId: 'feature%2Fx#4@13' },
      { type: 'openExternal', url: 'https://github.com/o/r/actions/runs/1' },
      { type: 'openFile', path: 'src/a.ts', line: 3 },
      { type: 'openFile', path: 'src/a.ts', line: 3, column: 7 },
      { type: 'runCommand', command: 'flowforge.rerunFailedJobs' },
      { type: 'copy', text: 'line 1\nline 2' },
    ];
    for (const message of good) {
      assert.deepEqual(validateWebviewMessage(message), message);
    }
  });

  it('drops extra properties', () => {
    assert.deepEqual(validateWebviewMessage({ type: 'ready', evil: 1 }), { type: 'ready' });
  });

  it('rejects hostile and malformed input', () => {
    const bad: unknown[] = [
      undefined,
      null,
      42,
      'ready',
      [],
      [{ type: 'ready' }],
      {},
      { type: 'READY' },
      { type: 'constructor' },
      { type: '__proto__' },
      { type: 'selectJob' },
      { type: 'selectJob', jobId: 5 },
      { type: 'selectJob', jobId: '' },
      { type: 'selectJob', jobId: '../../etc' },
      { type: 'selectJob', jobId: 'x'.repeat(LIMITS.jobId + 1) },
      { type: 'openExternal', url: 'javascript:alert(1)' },
      { type: 'openExternal', url: 'file:///etc/passwd' },
      { type: 'openExternal', url: 'command:workbench.action.terminal.new' },
      { type: 'openExternal', url: 'vscode://settings' },
      { type: 'openExternal', url: 'https://user:pass@evil.example/' },
      { type: 'openExternal', url: '//evil.example' },
      { type: 'openExternal', url: `https://e.x/${'a'.repeat(LIMITS.url)}` },
      { type: 'openExternal', url: { toString: () => 'https://x' } },
      { type: 'openFile', path: 'a.ts' },
      { type: 'openFile', path: 'a.ts', line: 0 },
      { type: 'openFile', path: 'a.ts', line: 1.5 },
      { type: 'openFile', path: 'a.ts', line: '3' },
      { type: 'openFile', path: 'a.ts', line: Number.NaN },
      { type: 'openFile', path: 'a.ts', line: 1e12 },
      { type: 'openFile', path: 'a.ts', line: 1, column: -1 },
      { type: 'openFile', path: 'a\u0000.ts', line: 1 },
      { type: 'openFile', path: 'command:foo', line: 1 },
      { type: 'openFile', path: '', line: 1 },
      { type: 'runCommand', command: 'workbench.action.terminal.sendSequence' },
      { type: 'runCommand', command: 'flowforge.signOut' },
      { type: 'runCommand' },
      { type: 'copy', text: '' },
      { type: 'copy', text: 7 },
    ];
    for (const message of bad) {
      assert.equal(validateWebviewMessage(message), undefined, JSON.stringify(message) ?? String(message));
    }
  });

  it('never throws on prototype tricks', () => {
    const tricky = Object.create({ type: 'ready' }) as object;
    assert.equal(validateWebviewMessage(tricky), undefined);
    const getter = {
      get type(): string {
        throw new Error('boom');
      },
    };
    assert.equal(validateWebviewMessage(getter), undefined);
    const proxy = new Proxy({}, { getOwnPropertyDescriptor: () => { throw new Error('trap'); } });
    assert.equal(validateWebviewMessage(proxy), undefined);
  });

  it('recognizes safe web URLs', () => {
    assert.equal(isSafeWebUrl('http://localhost:8080/x'), true);
    assert.equal(isSafeWebUrl('HTTPS://GitHub.com'), true);
    assert.equal(isSafeWebUrl('data:text/html,<script>'), false);
    assert.equal(isSafeWebUrl('not a url'), false);
  });

  it('reads a check summary format: only an exact known value, else Markdown', () => {
    assert.equal(summaryFormatOf('html'), 'html');
    assert.equal(summaryFormatOf('markdown'), 'markdown');
    for (const value of [undefined, null, 'HTML', ' html', 'text/html', 1, {}, ['html']]) assert.equal(summaryFormatOf(value), 'markdown', JSON.stringify(value));
  });
});
