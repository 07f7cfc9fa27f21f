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
});
