import assert from 'node:assert/strict';
import { LogIngest, SLICE_CHARS } from '../../../src/webview-ui/logIngest';
import { LogModel } from '../../../src/webview-ui/logModel';

function recorder() {
  const events: string[] = [];
  const model = new LogModel();
  const target = {
    append: (text: string) => {
      events.push(`append ${text.length}`);
      model.append(text);
    },
    finish: () => {
      events.push('finish');
      model.finish();
    },
    progressed: () => events.push('progressed'),
  };
  return { events, model, target };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function drained(ingest: LogIngest): Promise<void> {
  for (let i = 0; i < 1000 && ingest.busy; i++) {
    await tick();
  }
  await tick();
}

describe('log ingestion in slices', () => {
  it('parses the first slice at once and the rest in later tasks', async () => {
    const { events, target } = recorder();
    const ingest = new LogIngest(target, 2);
    ingest.push('x'.repeat(SLICE_CHARS * 5 + 10), true);
    assert.deepEqual(events, [`append ${SLICE_CHARS}`, 'progressed']);
    await drained(ingest);
    assert.equal(events.filter((e) => e.startsWith('append')).length, 6);
    assert.equal(events.filter((e) => e === 'finish').length, 1);
    assert.equal(events.at(-1), 'progressed');
  });

  it('builds the same model as one append', async () => {
    const lines = Array.from({ length: 6000 }, (_, i) => `2024-01-01T00:00:00.0000000Z \u001b[3${i % 8}mline ${i}\u001b[0m${i % 500 === 0 ? '\n##[group]Step' : ''}`);
    const text = lines.join('\n');
    const { model, target } = recorder();
    const ingest = new LogIngest(target);
    ingest.push(text, true);
    await drained(ingest);
    const oneShot = new LogModel();
    oneShot.append(text);
    oneShot.finish();
    assert.equal(model.lineCount, oneShot.lineCount);
    for (const line of [0, 1, 2999, model.lineCount - 1]) {
      assert.equal(model.text(line), oneShot.text(line));
    }
  });

  it('drops queued text on cancel', async () => {
    const { events, target } = recorder();
    const ingest = new LogIngest(target);
    ingest.push('y'.repeat(SLICE_CHARS * 3), true);
    ingest.cancel();
    await tick();
    assert.deepEqual(events, [`append ${SLICE_CHARS}`, 'progressed']);
    assert.equal(ingest.busy, false);
  });

  it('parses slices in later tasks until each task has used its time budget', async () => {
    let clock = 0;
    const { events, target } = recorder();
    const timed = { ...target, append: (text: string) => {
      clock += 5;
      target.append(text);
    } };
    const ingest = new LogIngest(timed, 16, () => clock);
    ingest.push('z'.repeat(SLICE_CHARS * 9), true);
    await drained(ingest);
    // One slice at once, then tasks of four 5 ms slices (0, 5, 10, 15 ms < 16 ms), then the rest.
    const perTask: number[] = [];
    for (const event of events) {
      if (event === 'progressed') perTask.push(0);
      else if (event.startsWith('append')) perTask[perTask.length] = (perTask.pop() ?? 0) + 1;
    }
    assert.deepEqual(events.filter((e) => e.startsWith('append')).length, 9);
    assert.deepEqual(perTask.filter((n) => n > 0), [1, 4, 4]);
  });

  it('keeps a line that spans many slices whole, with or without its newline', () => {
    const model = new LogModel();
    const long = 'a'.repeat(10 * SLICE_CHARS);
    for (let i = 0; i < long.length; i += SLICE_CHARS) model.append(long.slice(i, i + SLICE_CHARS));
    model.append('\nnext line\n' + long.slice(0, 7));
    model.append('tail');
    model.finish();
    assert.equal(model.lineCount, 3);
    assert.equal(model.text(0).length, long.length);
    assert.equal(model.text(1), 'next line');
    assert.equal(model.text(2), 'aaaaaaatail');
  });
});
