import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancelledError } from '../../../src/core/errors';
import { entryTarget, extractZip } from '../../../src/platform/artifactExtract';
import { safeFileName, saveStream } from '../../../src/platform/artifactFile';
import { storedZip } from '../../fakes/kit';

async function* chunks(parts: readonly Uint8Array[], failAfter?: number): AsyncGenerator<Uint8Array> {
  let index = 0;
  for (const part of parts) {
    if (failAfter !== undefined && index++ >= failAfter) {
      throw new Error('connection reset');
    }
    await new Promise((resolve) => setImmediate(resolve));
    yield part;
  }
}

describe('artifact files on disk', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ff-art-'));
  });
  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('streams to a temporary file and renames it, counting bytes, never over an existing file', async () => {
    fs.writeFileSync(path.join(folder, 'a.zip'), 'old');
    const seen: number[] = [];
    const target = await saveStream(chunks([Buffer.from('hello '), Buffer.from('world')]), folder, 'a.zip', { onBytes: (total) => seen.push(total) });
    assert.equal(target, path.join(folder, 'a (2).zip'));
    assert.equal(fs.readFileSync(target, 'utf8'), 'hello world');
    assert.equal(fs.readFileSync(path.join(folder, 'a.zip'), 'utf8'), 'old');
    assert.deepEqual(seen, [6, 11]);
    assert.deepEqual(fs.readdirSync(folder).sort(), ['a (2).zip', 'a.zip']);
  });

  it('deletes the partial file when the stream fails or is cancelled', async () => {
    await assert.rejects(saveStream(chunks([Buffer.from('x'), Buffer.from('y')], 1), folder, 'b.bin'), /connection reset/);
    assert.deepEqual(fs.readdirSync(folder), []);
    const controller = new AbortController();
    const slow = (async function* () {
      yield Buffer.from('part');
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 20));
      yield Buffer.from('rest');
    })();
    await assert.rejects(saveStream(slow, folder, 'c.bin', { signal: controller.signal }), CancelledError);
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('makes names safe: no separators, no leading dots', () => {
    assert.equal(safeFileName('../../etc/passwd'), '_.._etc_passwd');
    assert.equal(safeFileName('a/b\\c.zip'), 'a_b_c.zip');
    assert.equal(safeFileName('...'), 'artifact');
  });

  it('extracts a zip into a folder', async () => {
    const zip = path.join(folder, 'cov.zip');
    fs.writeFileSync(zip, storedZip({ 'coverage/index.html': '<p>87%</p>', 'lcov.info': 'TN:' }));
    const out = path.join(folder, 'cov');
    assert.equal(await extractZip(zip, out), 2);
    assert.equal(fs.readFileSync(path.join(out, 'coverage', 'index.html'), 'utf8'), '<p>87%</p>');
    assert.equal(fs.readFileSync(path.join(out, 'lcov.info'), 'utf8'), 'TN:');
  });

  it('refuses entries that leave the folder (zip-slip) and writes nothing outside', async () => {
    const zip = path.join(folder, 'evil.zip');
    fs.writeFileSync(zip, storedZip({ 'ok.txt': 'fine', '../evil.txt': 'pwned' }));
    await assert.rejects(extractZip(zip, path.join(folder, 'out')));
    assert.ok(!fs.existsSync(path.join(folder, 'evil.txt')));
    assert.equal(entryTarget('/tmp/out', '../x'), undefined);
    assert.equal(entryTarget('/tmp/out', '/etc/passwd'), undefined);
    assert.equal(entryTarget('/tmp/out', 'C:/x'), undefined);
    assert.equal(entryTarget('/tmp/out', 'a\\..\\..\\x'), undefined);
    assert.equal(entryTarget('/tmp/out', 'a/b.txt'), path.resolve('/tmp/out/a/b.txt'));
  });

  it('stops at the entry and byte limits (zip bomb)', async () => {
    const zip = path.join(folder, 'big.zip');
    fs.writeFileSync(zip, storedZip({ 'a.txt': 'x'.repeat(100), 'b.txt': 'y'.repeat(100) }));
    await assert.rejects(extractZip(zip, path.join(folder, 'o1'), { maxEntries: 1, maxBytes: 1e9 }), /more than 1/);
    await assert.rejects(extractZip(zip, path.join(folder, 'o2'), { maxEntries: 10, maxBytes: 150 }), /more than 150 bytes/);
  });

  it('refuses an HTML page saved as a zip', async () => {
    const zip = path.join(folder, 'page.zip');
    fs.writeFileSync(zip, '<!DOCTYPE html><html>Sign in</html>');
    await assert.rejects(extractZip(zip, path.join(folder, 'o')));
  });
});
