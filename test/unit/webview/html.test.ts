import { strict as assert } from 'node:assert';
import { buildCsp, buildHtml, createNonce } from '../../../src/webview/html';

describe('webview html and CSP', () => {
  it('builds a strict CSP', () => {
    assert.equal(
      buildCsp('https://x.vscode-cdn.net', 'abc'),
      "default-src 'none'; script-src 'nonce-abc'; style-src https://x.vscode-cdn.net 'nonce-abc'; font-src https://x.vscode-cdn.net; img-src data:",
    );
    assert.doesNotMatch(buildCsp('s', 'n'), /unsafe-inline|unsafe-eval|\*/);
  });

  it('creates fresh, attribute-safe nonces', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    assert.equal(nonces.size, 100);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9_-]{20,}$/);
  });

  it('puts the nonce on the script and escapes inputs', () => {
    const html = buildHtml({ cspSource: 'vscode-src', nonce: 'N1', scriptUri: 'https://a/b.js?x="><script>', styleUri: 'https://a/c.css', codiconsUri: 'https://a/codicon.css', title: '</title><script>alert(1)</script>' });
    assert.match(html, /<script nonce="N1" src="https:\/\/a\/b.js\?x=&quot;&gt;&lt;script&gt;"><\/script>/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-N1';/);
  });
});
