import { strict as assert } from 'node:assert';
import { termStyle } from '../../../src/webview-ui/termClasses';

describe('Buildkite term classes', () => {
  it('maps base, bright and background colours onto the panel ANSI classes', () => {
    assert.deepEqual(termStyle('term-fg31'), { className: 'a-f1' });
    assert.deepEqual(termStyle('term-fg30 term-bg47'), { className: 'a-f0 a-b7' });
    assert.deepEqual(termStyle('term-fgi90'), { className: 'a-f8' });
    assert.deepEqual(termStyle('term-fgi97 term-bgi100'), { className: 'a-f15 a-b8' });
  });

  it('maps SGR attributes', () => {
    assert.deepEqual(termStyle('term-fg1 term-fg2 term-fg3 term-fg4 term-fg9'), { className: 'a-bold a-dim a-italic a-underline a-strike' });
  });

  it('maps the 256-colour palette: theme classes below 16, CSS values above', () => {
    assert.deepEqual(termStyle('term-fgx9'), { className: 'a-f9' });
    assert.deepEqual(termStyle('term-fgx208'), { className: '', color: '#ff8700' });
    assert.deepEqual(termStyle('term-bgx232 term-fg1'), { className: 'a-bold', background: '#080808' });
  });

  it('drops everything else', () => {
    for (const value of ['', 'evil', 'term-fg38', 'term-fg99', 'term-fgx256', 'term-fgi1', 'term-bg48', 'term-fg31x', 'xterm-fg31', 'term-fgx-1', 'term-fg0031']) {
      assert.equal(termStyle(value), undefined, value);
    }
    assert.deepEqual(termStyle('bold term-fg32 evil'), { className: 'a-f2' });
  });
});
