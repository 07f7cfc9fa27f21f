// The environment for the e2e scripts' child processes (npm installs into the cache, code-server,
// the demo's and the runner's children), scrubbed of what an outer `npm run` / `npm test` exported.
//
// npm exports its whole configuration as npm_config_* (user_agent naming ITS Node, nodedir from
// ~/.npmrc, loglevel=silent under `npm run -s`, local_prefix, node_gyp, ...), and every npm started
// below takes those variables as its own configuration: code-server's postinstall then reads
// "node/v20" from npm_config_user_agent and refuses to install under Node 24 (issue #9).
// Only what says where the registry is and how to reach it is kept (the machine's way out).

/** npm configuration that is about reaching the registry, not about the Node that runs npm. */
const KEEP_NPM_CONFIG = /^npm_config_(registry|.*:registry|cache|userconfig|cafile|ca|strict_ssl|proxy|https?_proxy|no_?proxy|fetch_retries|fetch_retry_\w+|fetch_timeout|prefer_offline|offline)$/i;

/** Set by npm / @npmcli/run-script for the scripts it runs. */
const NPM_RUN_VARS = /^(npm_|INIT_CWD$)/i;

/** Also set by npm for its scripts, but ordinary names: only dropped when npm is the parent. */
const NPM_RUN_PLAIN_VARS = ['NODE', 'COLOR'];

/** PATH entries npm run adds: <dir>/node_modules/.bin for the package and its parents, and npm's node-gyp-bin. */
const NPM_PATH_ENTRY = /([\\/]node_modules[\\/]\.bin|[\\/]@npmcli[\\/]run-script[\\/]lib[\\/]node-gyp-bin)[\\/]?$/;

/**
 * `base` (process.env) without the outer npm's variables, then `extra` on top.
 * @param {Record<string, string | undefined>} [extra] what the child needs (undefined removes a key)
 * @param {{ base?: Record<string, string | undefined>, drop?: RegExp, pathPrefix?: string[], delimiter?: string }} [options]
 *   drop: further keys to leave out (e.g. VS Code's own variables for code-server);
 *   pathPrefix: directories put first on the (scrubbed) PATH, e.g. Node 24's bin
 * @returns {Record<string, string>}
 */
export function childEnv(extra = {}, { base = process.env, drop, pathPrefix = [], delimiter = ':' } = {}) {
  const underNpm = Object.keys(base).some((key) => /^npm_(execpath|lifecycle_event|command)$/i.test(key));
  /** @type {Record<string, string>} */
  const env = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (NPM_RUN_VARS.test(key) && !KEEP_NPM_CONFIG.test(key)) continue;
    if (underNpm && NPM_RUN_PLAIN_VARS.includes(key)) continue;
    if (drop?.test(key)) continue;
    env[key] = value;
  }
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  const entries = (env[pathKey] ?? '').split(delimiter).filter((entry) => entry && !NPM_PATH_ENTRY.test(entry));
  env[pathKey] = [...pathPrefix, ...entries].join(delimiter);
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}
