// childEnv(): the environment the e2e scripts give their children, without an outer npm's configuration.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { childEnv } from '../../scripts/e2e/childEnv.mjs';

// What `npm run demo` exported on the machine of issue #9 (npm 11 on Node 20, ~/.npmrc nodedir=/usr).
const UNDER_NPM = {
  HOME: '/home/dev',
  NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
  PATH: '/work/app/node_modules/.bin:/work/node_modules/.bin:/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/local/bin:/usr/bin:/bin',
  INIT_CWD: '/work/app',
  NODE: '/usr/bin/node',
  COLOR: '0',
  npm_command: 'run-script',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  npm_node_execpath: '/usr/bin/node',
  npm_lifecycle_event: 'demo',
  npm_lifecycle_script: 'node scripts/demo.mjs',
  npm_package_name: 'flowforge',
  npm_package_json: '/work/app/package.json',
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_nodedir: '/usr',
  npm_config_loglevel: 'silent',
  npm_config_local_prefix: '/work/app',
  npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  npm_config_registry: 'https://registry.example.test/',
  'npm_config_@acme:registry': 'https://acme.example.test/',
  npm_config_cache: '/home/dev/.npm',
  npm_config_https_proxy: 'http://proxy.example.test:3128',
  npm_config_noproxy: 'localhost',
  npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt',
};

describe('childEnv', () => {
  it('drops what the outer npm exported about itself and its Node (user agent, nodedir, loglevel, lifecycle, package)', () => {
    const env = childEnv({}, { base: UNDER_NPM });
    for (const key of ['npm_config_user_agent', 'npm_config_nodedir', 'npm_config_loglevel', 'npm_config_local_prefix', 'npm_config_node_gyp',
      'npm_command', 'npm_execpath', 'npm_node_execpath', 'npm_lifecycle_event', 'npm_lifecycle_script', 'npm_package_name', 'npm_package_json',
      'INIT_CWD', 'NODE', 'COLOR']) {
      assert.equal(env[key], undefined, key);
    }
  });

  it('keeps how to reach the registry (registry, scoped registry, cache, proxy, CA) and everything not npm', () => {
    const env = childEnv({}, { base: UNDER_NPM });
    assert.equal(env.npm_config_registry, 'https://registry.example.test/');
    assert.equal(env['npm_config_@acme:registry'], 'https://acme.example.test/');
    assert.equal(env.npm_config_cache, '/home/dev/.npm');
    assert.equal(env.npm_config_https_proxy, 'http://proxy.example.test:3128');
    assert.equal(env.npm_config_noproxy, 'localhost');
    assert.equal(env.npm_config_cafile, '/etc/ssl/certs/ca-certificates.crt');
    assert.equal(env.HOME, '/home/dev');
    assert.equal(env.NODE_EXTRA_CA_CERTS, '/etc/ssl/certs/ca-certificates.crt');
  });

  it('takes npm run\'s node_modules/.bin and node-gyp-bin entries off PATH and puts pathPrefix first', () => {
    assert.equal(childEnv({}, { base: UNDER_NPM }).PATH, '/usr/local/bin:/usr/bin:/bin');
    assert.equal(childEnv({}, { base: UNDER_NPM, pathPrefix: ['/cache/node-24/bin'] }).PATH, '/cache/node-24/bin:/usr/local/bin:/usr/bin:/bin');
  });

  it('leaves NODE and COLOR alone when npm is not the parent', () => {
    const env = childEnv({}, { base: { PATH: '/usr/bin', NODE: '/opt/node', COLOR: '1' } });
    assert.equal(env.NODE, '/opt/node');
    assert.equal(env.COLOR, '1');
  });

  it('sets what the child needs on top (undefined removes) and leaves out `drop`', () => {
    const env = childEnv({ npm_config_nodedir: '/cache/node-24', HOME: undefined }, { base: { ...UNDER_NPM, VSCODE_PID: '1' }, drop: /^VSCODE_/ });
    assert.equal(env.npm_config_nodedir, '/cache/node-24');
    assert.equal('HOME' in env, false);
    assert.equal(env.VSCODE_PID, undefined);
  });

  it('the scripts of an npm started with it (a postinstall) see that npm\'s own Node, not the outer user agent (issue #9)', function () {
    this.timeout(30_000);
    const outer = { ...process.env, npm_execpath: '/x/npm-cli.js', npm_config_user_agent: 'npm/0.0.0 node/v20.0.0 fake' };
    // npm exec -c runs its command as npm runs a package's postinstall: with npm_config_user_agent from npm's config.
    const ask = (env) => spawnSync('npm', ['exec', '-c', 'echo "$npm_config_user_agent"'], { env, cwd: tmpdir(), encoding: 'utf8' }).stdout.trim();
    assert.equal(ask(outer), 'npm/0.0.0 node/v20.0.0 fake'); // the bug: the inner npm takes the outer one's
    const own = ask(childEnv({}, { base: outer }));
    assert.match(own, new RegExp(`node/${process.version.replace(/\./g, '\\.')}\\b`));
  });
});
