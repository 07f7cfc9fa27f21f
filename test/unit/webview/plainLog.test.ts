import assert from 'node:assert/strict';
import { plainLog } from '../../../src/webview/plainLog';

describe('plain log text', () => {
  it('drops colours, erase-line codes and OSC hyperlinks but keeps the text', () => {
    const raw = '\u001b[31;1merror\u001b[0m: see \u001b]8;;https://x.test\u0007docs\u001b]8;;\u0007\nsection_start:1:build\r\u001b[0Kbuilding';
    assert.equal(plainLog(raw), 'error: see docs\nsection_start:1:build\rbuilding');
  });

  it('leaves text without escapes alone', () => {
    assert.equal(plainLog('plain line\nsecond'), 'plain line\nsecond');
  });
});
