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
});
