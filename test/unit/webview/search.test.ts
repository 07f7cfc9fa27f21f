import { strict as assert } from 'node:assert';
import { LogSearch, compileQuery } from '../../../src/webview-ui/search';

const TEXT = ['Error: one', 'nothing', 'error twice error', 'ERROR caps'];

describe('webview log search', () => {
  it('finds case-insensitive plain matches with count, next and prev', () => {
    const search = new LogSearch((i) => TEXT[i] ?? '');
    search.set({ text: 'error', caseSensitive: false, regex: false }, TEXT.length);
    assert.equal(search.matches.length, 4);
    assert.equal(search.current, 0);
    assert.deepEqual(search.next(), { line: 2, start: 0, end: 5 });
    assert.deepEqual(search.prev(), { line: 0, start: 0, end: 5 });
    assert.deepEqual(search.prev(), { line: 3, start: 0, end: 5 }, 'wraps around');
    assert.deepEqual(search.inLine(2).map((m) => m.start), [0, 12]);
  });

  it('respects case sensitivity and regex mode', () => {
    const search = new LogSearch((i) => TEXT[i] ?? '');
    search.set({ text: 'error', caseSensitive: true, regex: false }, TEXT.length);
    assert.equal(search.matches.length, 2);
    search.set({ text: 'e(rr)?or\\b', caseSensitive: false, regex: true }, TEXT.length);
    assert.equal(search.matches.length, 4);
    search.set({ text: 'a.b', caseSensitive: false, regex: false }, TEXT.length);
    assert.equal(search.matches.length, 0, 'plain mode escapes regex characters');
  });

  it('reports an invalid regex instead of throwing', () => {
    const search = new LogSearch((i) => TEXT[i] ?? '');
    assert.doesNotThrow(() => search.set({ text: '([', caseSensitive: false, regex: true }, TEXT.length));
    assert.ok(search.error);
    assert.equal(search.matches.length, 0);
    assert.ok('error' in compileQuery({ text: '*', caseSensitive: true, regex: true }));
  });

  it('skips empty regex matches', () => {
    const search = new LogSearch((i) => TEXT[i] ?? '');
    search.set({ text: 'x*', caseSensitive: false, regex: true }, TEXT.length);
    assert.equal(search.matches.length, 0);
  });

  it('scans only appended lines on extend, and seeks', () => {
    const text = ['a hit'];
    let reads = 0;
    const search = new LogSearch((i) => {
      reads++;
      return text[i] ?? '';
    });
    search.set({ text: 'hit', caseSensitive: false, regex: false }, 1);
    text.push('no', 'hit again');
    search.extend(3);
    assert.equal(reads, 3);
    assert.equal(search.matches.length, 2);
    assert.equal(search.seek(1)?.line, 2);
  });
});
