import { strict as assert } from 'node:assert';
import { LogModel } from '../../../src/webview-ui/logModel';
import { LineKind, stripBuildkiteMarkers } from '../../../src/webview-ui/logLine';
import { LOG } from '../../fakes/buildkite/fixtures';

function texts(model: LogModel): string[] {
  return Array.from({ length: model.lineCount }, (_, i) => model.text(i));
}

function visible(model: LogModel): string[] {
  const { lines, count } = model.visible();
  return Array.from(lines.subarray(0, count), (line) => model.text(line));
}

function parse(text: string, slices = 1): LogModel {
  const model = new LogModel();
  const size = Math.ceil(text.length / slices);
  for (let i = 0; i < text.length; i += size) model.append(text.slice(i, i + size));
  model.finish();
  return model;
}

describe('webview log model: Buildkite logs', () => {
  it('hides timestamp markers and keeps their time per line', () => {
    const model = parse(LOG);
    assert.deepEqual(texts(model), ['Preparing working directory', '$ git fetch -v -- origin main', ':npm: Installing', 'progress 100%', ':jest: Tests', 'FAIL src/tax.test.ts', 'Error: 1 test failed']);
    assert.equal(model.timestamp(0), '2026-01-05T09:00:00.000Z');
    assert.equal(model.timestamp(1), '2026-01-05T09:00:00.100Z');
    assert.equal(model.timestamp(3), '2026-01-05T09:00:01.500Z', 'a redrawn line keeps the time it started');
    assert.ok(texts(model).every((line) => !line.includes('bk;t=')));
  });

  it('folds --- and ~~~ collapsed, +++ expanded, each header ending the group before', () => {
    const model = parse(LOG);
    assert.deepEqual(model.folds.map((f) => [model.text(f.start), f.start, f.end, f.collapsed, f.depth]), [
      ['Preparing working directory', 0, 2, true, 0],
      [':npm: Installing', 2, 4, true, 0],
      [':jest: Tests', 4, 7, false, 0],
    ]);
    assert.deepEqual([model.kind(0), model.kind(2), model.kind(4)], [LineKind.header, LineKind.header, LineKind.header]);
    assert.deepEqual(visible(model), ['Preparing working directory', ':npm: Installing', ':jest: Tests', 'FAIL src/tax.test.ts', 'Error: 1 test failed']);
  });

  it('^^^ +++ opens the group being written, unless the user folded it', () => {
    const log = ['\x1b_bk;t=1\x07--- Tests', '\x1b_bk;t=2\x07one', '\x1b_bk;t=3\x07^^^ +++', '\x1b_bk;t=4\x07two', ''].join('\n');
    const model = parse(log);
    assert.equal(model.folds[0]?.collapsed, false);
    assert.deepEqual(texts(model), ['Tests', 'one', 'two']);
    const user = new LogModel();
    user.append('\x1b_bk;t=1\x07--- Tests\n');
    const fold = user.folds[0];
    assert.ok(fold);
    user.setCollapsed(fold, true);
    user.append('\x1b_bk;t=3\x07^^^ +++\n');
    assert.equal(fold.collapsed, true);
  });

  it('gives the same model for any split of the input', () => {
    const one = parse(LOG);
    for (const slices of [2, 7, LOG.length]) {
      const split = parse(LOG, slices);
      assert.deepEqual(texts(split), texts(one));
      assert.deepEqual(split.folds, one.folds);
      assert.deepEqual(Array.from({ length: split.lineCount }, (_, i) => split.timestamp(i)), Array.from({ length: one.lineCount }, (_, i) => one.timestamp(i)));
    }
  });

  it('leaves --- lines of other logs alone (a diff in a GitHub log is no group)', () => {
    const model = parse('--- a/file.ts\n+++ b/file.ts\n@@ -1 +1 @@\n');
    assert.equal(model.folds.length, 0);
    assert.deepEqual(texts(model), ['--- a/file.ts', '+++ b/file.ts', '@@ -1 +1 @@']);
  });

  it('keeps colours and reads ST-terminated and malformed markers safely', () => {
    const model = parse('\x1b_bk;t=1767603600000\x1b\\\x1b[32mok\x1b[0m\n\x1b_bk;t=abc\x07plain\n');
    assert.deepEqual(texts(model), ['ok', 'plain']);
    assert.equal(model.raw(0), '\x1b[32mok\x1b[0m');
    assert.equal(model.timestamp(1), '');
    assert.deepEqual(stripBuildkiteMarkers('a\x1b_bk;t=5\x07b'), { text: 'ab', timestamp: '1970-01-01T00:00:00.005Z' });
  });
});
