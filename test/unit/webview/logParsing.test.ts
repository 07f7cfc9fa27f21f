import { strict as assert } from 'node:assert';
import { LogModel } from '../../../src/webview-ui/logModel';

function parse(text: string): LogModel {
  const model = new LogModel();
  model.append(text);
  model.finish();
  return model;
}

function texts(model: LogModel): string[] {
  return Array.from({ length: model.lineCount }, (_, i) => model.text(i));
}

describe('log parsing of real-world shapes', () => {
  it('strips a GitHub timestamp that stands alone on a blank line', () => {
    const model = parse('2024-07-08T16:51:04.9647268Z Run npm test\n2024-07-08T16:51:04.9647268Z\n2024-07-08T16:51:05.0000000Z\r\n2024-07-08T16:51:05.1Z done\n');
    assert.deepEqual(texts(model), ['Run npm test', '', '', 'done']);
    assert.equal(model.timestamp(1), '2024-07-08T16:51:04.9647268Z');
    assert.equal(model.timestamp(2), '2024-07-08T16:51:05.0000000Z');
  });

  it('folds GitLab sections whose markers end the line with \\n instead of \\r, with [collapsed=true]', () => {
    const model = parse(
      [
        'section_start:1540587170:prepare_script',
        'Preparing',
        'section_end:1540587171:prepare_script',
        '\x1b[0Ksection_start:1540587172:step_script[collapsed=true]',
        'Running the script',
        'section_end:1540587173:step_script\r\x1b[0K',
        'section_start:1540587174:after\r\x1b[0KAfter script',
        'done',
        'section_end:1540587175:after',
        '',
      ].join('\n'),
    );
    assert.deepEqual(texts(model), ['prepare_script', 'Preparing', 'step_script', 'Running the script', 'After script', 'done']);
    assert.deepEqual(
      model.folds.map((f) => [f.name, f.start, f.end, f.collapsed]),
      [
        ['prepare_script', 0, 2, false],
        ['step_script', 2, 4, true],
        ['after', 4, 6, false],
      ],
    );
    assert.equal(texts(model).some((t) => t.includes('section_')), false);
  });

  it('ingests many nested open sections followed by many error lines in linear work', () => {
    const depth = 3_000;
    const lines: string[] = [];
    for (let i = 0; i < depth; i++) lines.push(`section_start:1:s${i}[collapsed=true]\rSection ${i}`);
    for (let i = 0; i < depth; i++) lines.push(`##[error]failure ${i}`);
    const proto = LogModel.prototype;
    const original = Object.getOwnPropertyDescriptor(proto, 'setCollapsed');
    let calls = 0;
    const counted = (model: LogModel, args: Parameters<LogModel['setCollapsed']>): void => {
      calls++;
      Reflect.apply(original?.value as (...a: unknown[]) => void, model, args);
    };
    proto.setCollapsed = function (this: LogModel, ...args: Parameters<LogModel['setCollapsed']>): void {
      counted(this, args);
    };
    try {
      const model = parse(lines.join('\n') + '\n');
      assert.equal(model.errors.length, depth);
      assert.equal(model.folds.every((fold) => !fold.collapsed), true, 'errors are never hidden by a collapsed fold');
    } finally {
      if (original !== undefined) Object.defineProperty(proto, 'setCollapsed', original);
    }
    assert.ok(calls <= 2 * depth, `each fold is expanded once, not once per error (${calls} expansions)`);
  });

  it('closes groups and sections in work linear in the log, whatever the open depth (stray end markers, groups inside deep sections)', () => {
    const depth = 5_000;
    const lines: string[] = [];
    for (let i = 0; i < depth; i++) lines.push(`section_start:1:s${i}\rSection ${i}`);
    for (let i = 0; i < depth; i++) lines.push(`section_end:2:never_opened_${i}\r`);
    for (let i = 0; i < depth; i++) lines.push(`##[group]Group ${i}`, `in group ${i}`, '##[endgroup]');
    for (let i = 0; i < 10; i++) lines.push(`--- not a Buildkite group ${i}`);
    for (let i = depth - 1; i >= 0; i--) lines.push(`section_end:3:s${i}\r`);
    const model = new LogModel();
    // Every look at a fold goes through model.folds: count them.
    let reads = 0;
    const folds = new Proxy(model.folds, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    Object.defineProperty(model, 'folds', { value: folds });
    model.append(lines.join('\n') + '\n');
    model.finish();
    assert.ok(reads <= 10 * lines.length, `${reads} fold reads for ${lines.length} lines`);
    const sections = model.folds.filter((f) => f.kind === 'section');
    const groups = model.folds.filter((f) => f.kind === 'group');
    assert.equal(sections.length, depth);
    assert.equal(groups.length, depth);
    // The groups sit in the innermost section, each closed by its endgroup; every section ends where its end marker is.
    assert.equal(groups.every((g) => g.parent === depth - 1 && g.end === g.start + 2), true);
    assert.deepEqual(sections.slice(0, 3).map((f) => f.end), [model.lineCount, model.lineCount, model.lineCount]);
    assert.equal(model.text(sections[0]?.start ?? -1), 'Section 0');
    // The fold around a line, at any depth: a group's line is in the group, the lines after the groups in the innermost section.
    assert.equal(model.foldContaining((groups[0]?.start ?? 0) + 1), groups[0]);
    assert.equal(model.foldContaining(model.lineCount - 1)?.name, `s${depth - 1}`);
    assert.equal(model.foldContaining(0), sections[0]);
  });
});
