import { strict as assert } from 'node:assert';
import { LogModel } from '../../../src/webview-ui/logModel';
import { LineKind } from '../../../src/webview-ui/logLine';

function lines(model: LogModel): string[] {
  return Array.from({ length: model.lineCount }, (_, i) => model.text(i));
}

function visibleTexts(model: LogModel): string[] {
  const { lines: index, count } = model.visible();
  return Array.from(index.subarray(0, count), (line) => model.text(line));
}

function snapshot(model: LogModel): unknown {
  return {
    lines: Array.from({ length: model.lineCount }, (_, i) => [model.text(i), model.raw(i), model.kind(i), model.timestamp(i), model.startStyle(i)]),
    folds: model.folds.map((f) => ({ ...f })),
    errors: model.errors,
    warnings: model.warnings,
  };
}

const GITHUB = [
  '\uFEFF2024-01-01T00:00:00.0000000Z ##[group]Run actions/checkout@v4',
  '2024-01-01T00:00:01.1234567Z with: repo',
  '2024-01-01T00:00:02.0000000Z ##[endgroup]',
  '2024-01-01T00:00:03.0000000Z \x1b[32mok\x1b[0m',
  '2024-01-01T00:00:04.0000000Z ##[error]Process completed with exit code 1.',
  '2024-01-01T00:00:05.0000000Z ##[warning]deprecated',
  '2024-01-01T00:00:06.0000000Z ##[debug]internal',
  '::error file=src/a.ts,line=3,col=7,title=Lint::Unexpected any',
  '::notice::just so you know',
  '',
].join('\r\n');

const GITLAB = [
  '\x1b[0Ksection_start:1700000000:prepare_executor\r\x1b[0K\x1b[36;1mPreparing the executor\x1b[0;m',
  'Using docker',
  '\x1b[0Ksection_end:1700000001:prepare_executor\r\x1b[0K',
  'section_start:1700000002:step_script[collapsed=true]\r\x1b[0KExecuting step_script',
  'section_start:1700000003:inner\r\x1b[0KInner',
  'inner line',
  'section_end:1700000004:inner\r\x1b[0K',
  'progress 10%\rprogress 50%\rprogress 100%',
  'section_end:1700000005:step_script\r\x1b[0Ksection_start:1700000006:after\r\x1b[0KAfter',
  'tail',
  '',
].join('\n');

describe('webview log model', () => {
  it('parses GitHub timestamps, groups and workflow commands', () => {
    const model = new LogModel();
    model.append(GITHUB);
    model.finish();
    assert.deepEqual(lines(model), [
      'Run actions/checkout@v4',
      'with: repo',
      'ok',
      'Process completed with exit code 1.',
      'deprecated',
      'internal',
      'src/a.ts:3:7 Lint: Unexpected any',
      'just so you know',
    ]);
    assert.equal(model.timestamp(0), '2024-01-01T00:00:00.0000000Z');
    assert.equal(model.timestamp(1), '2024-01-01T00:00:01.1234567Z');
    assert.equal(model.timestamp(7), '');
    assert.equal(model.raw(2), '\x1b[32mok\x1b[0m');
    assert.deepEqual([model.kind(0), model.kind(3), model.kind(4), model.kind(5), model.kind(6), model.kind(7)], [LineKind.header, LineKind.error, LineKind.warning, LineKind.debug, LineKind.error, LineKind.notice]);
    assert.deepEqual(model.errors, [3, 6]);
    assert.equal(model.folds.length, 1);
    assert.deepEqual({ start: model.folds[0]?.start, end: model.folds[0]?.end, collapsed: model.folds[0]?.collapsed }, { start: 0, end: 2, collapsed: true });
    assert.deepEqual(visibleTexts(model).slice(0, 2), ['Run actions/checkout@v4', 'ok'], 'groups start collapsed');
  });

  it('folds and unfolds, and maps lines to visible positions', () => {
    const model = new LogModel();
    model.append(GITHUB);
    model.finish();
    const fold = model.foldAtHeader(0);
    assert.ok(fold);
    assert.equal(model.visible().count, 7);
    assert.equal(model.visibleIndexOf(1), 0, 'a hidden line maps to its header');
    model.setCollapsed(fold, false);
    assert.equal(model.visible().count, 8);
    assert.equal(model.visibleIndexOf(2), 2);
    assert.equal(model.foldContaining(1), fold);
    assert.equal(model.foldContaining(2), undefined);
  });

  it('expands groups that contain an error', () => {
    const model = new LogModel();
    model.append('##[group]Build\nstep\n##[error]boom\n##[endgroup]\n');
    assert.equal(model.folds[0]?.collapsed, false);
  });

  it('parses GitLab sections (nested, collapsed, several markers on one line) and \\r progress', () => {
    const model = new LogModel();
    model.append(GITLAB);
    model.finish();
    assert.deepEqual(lines(model), ['Preparing the executor', 'Using docker', 'Executing step_script', 'Inner', 'inner line', 'progress 100%', 'After', 'tail']);
    assert.deepEqual(
      model.folds.map((f) => [f.name, f.start, f.end, f.depth, f.collapsed]),
      [
        ['prepare_executor', 0, 2, 0, false],
        ['step_script', 2, 6, 0, true],
        ['inner', 3, 5, 1, false],
        ['after', 6, 8, 0, false],
      ],
    );
    assert.deepEqual(visibleTexts(model), ['Preparing the executor', 'Using docker', 'Executing step_script', 'After', 'tail']);
    model.reveal(4);
    assert.ok(visibleTexts(model).includes('inner line'));
    assert.equal(model.foldContaining(4)?.name, 'inner');
  });

  it('gives the same model for any split of the input as for one-shot parsing', () => {
    const input = `${GITHUB}${GITLAB}\x1b[31mred continues\nstill red\x1b[0m\nno newline at end`;
    const oneShot = new LogModel();
    oneShot.append(input);
    oneShot.finish();
    for (const size of [1, 2, 3, 7, 64]) {
      const chunked = new LogModel();
      for (let i = 0; i < input.length; i += size) chunked.append(input.slice(i, i + size));
      chunked.finish();
      assert.deepEqual(snapshot(chunked), snapshot(oneShot), `chunk size ${size}`);
    }
    assert.equal(oneShot.startStyle(oneShot.lineCount - 2).fg, 1, 'style carried into the next line');
  });

  it('holds back a partial line until its newline or finish()', () => {
    const model = new LogModel();
    assert.equal(model.append('partial'), 0);
    assert.equal(model.append(' line\nnext'), 1);
    assert.deepEqual(lines(model), ['partial line']);
    assert.equal(model.finish(), 1);
    assert.deepEqual(lines(model), ['partial line', 'next']);
  });

  it('handles 100k lines quickly', () => {
    const model = new LogModel();
    const text = Array.from({ length: 100_000 }, (_, i) => (i % 100 === 0 ? '##[group]g' : `2024-01-01T00:00:00.0000000Z \x1b[36mline\x1b[0m ${i}`)).join('\n');
    const started = Date.now();
    model.append(text);
    model.finish();
    model.visible();
    assert.equal(model.lineCount, 100_000);
    assert.ok(Date.now() - started < 3000);
  });
});
