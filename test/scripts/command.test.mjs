// runCommand(): a failing npm explains itself with the tail of the debug log it names (or wrote).
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCommand, runWithRetry } from '../../scripts/e2e/command.mjs';
import { npmLogTail } from '../../scripts/e2e/npmLog.mjs';

const DEBUG_LOG = [
  '950 info run code-server@4.139.1 postinstall node_modules/code-server sh ./postinstall.sh',
  '951 info run code-server@4.139.1 postinstall { code: 1, signal: null }',
  '952 verbose stack Error: command failed',
  '952 verbose stack     at promiseSpawn (/usr/lib/node_modules/npm/node_modules/@npmcli/promise-spawn/lib/index.js:22:22)',
  '954 error code 1',
  '958 error ERROR: code-server currently requires node v24.',
  '958 error We have detected that you are on node v20',
  '959 silly unfinished npm timer reify 1796150572064',
  '969 verbose exit 1',
].join('\n');

describe('runCommand', () => {
  let dir;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'ff-cmd-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in for npm: writes the debug log, prints `printed` (may name the log), counts its runs, exits 1. */
  function fakeNpm({ names = true } = {}) {
    const logs = path.join(dir, 'logs');
    mkdirSync(logs);
    const bin = path.join(dir, 'npm');
    writeFileSync(bin, `#!/bin/sh
echo run >> "${dir}/count"
log="${logs}/2026-01-01T00_00_00_000Z-debug-0.log"
cat > "$log" <<'LOG'
${DEBUG_LOG}
LOG
${names ? 'echo "npm error A complete log of this run can be found in: $log" >&2' : ''}
exit 1
`);
    chmodSync(bin, 0o755);
    return { bin, env: { ...process.env, npm_config_logs_dir: logs } };
  }

  it('puts the tail of the debug log that npm names into the error', () => {
    const { bin, env } = fakeNpm();
    assert.throws(() => runCommand(bin, ['install', 'code-server'], { env }), (err) => {
      assert.match(err.message, /failed \(exit 1\)/);
      assert.match(err.message, /tail of npm's debug log .*-debug-0\.log/);
      assert.match(err.message, /code-server currently requires node v24/);
      assert.match(err.message, /We have detected that you are on node v20/);
      return true;
    });
  });

  it('finds the log npm wrote when it printed nothing (npm run -s: loglevel silent)', () => {
    const { bin, env } = fakeNpm({ names: false });
    assert.throws(() => runCommand(bin, ['install'], { env }), /\(no output\)\n--- tail of npm's debug log [^\n]*\n[\s\S]*requires node v24/);
  });

  it('says nothing about a log for other commands', () => {
    assert.throws(() => runCommand('sh', ['-c', 'echo boom; exit 3']), (err) => {
      assert.match(err.message, /sh -c echo boom; exit 3 failed \(exit 3\):\nboom$/);
      return true;
    });
  });

  it('retries once, and the first failure is logged with its reason', () => {
    const { bin, env } = fakeNpm();
    const lines = [];
    assert.throws(() => runWithRetry((m) => lines.push(m), bin, ['install'], { env }), /requires node v24/);
    assert.equal(readFileSync(path.join(dir, 'count'), 'utf8').trim().split('\n').length, 2);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /trying once more[\s\S]*requires node v24/);
  });

  it('returns stdout on success', () => {
    assert.equal(runCommand('sh', ['-c', 'echo ok']), 'ok\n');
  });
});

describe('npmLogTail', () => {
  it('keeps the error lines and drops silly, timing, http and stack frames', () => {
    const tail = npmLogTail(DEBUG_LOG);
    assert.doesNotMatch(tail, /silly|promiseSpawn/);
    assert.match(tail, /954 error code 1\n958 error ERROR: code-server currently requires node v24\./);
    assert.equal(npmLogTail(DEBUG_LOG, 1), '969 verbose exit 1');
  });
});
