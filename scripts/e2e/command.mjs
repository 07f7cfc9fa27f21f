// Synchronous commands for the e2e setup: output captured, a failure thrown with the output's tail
// and, for npm, the tail of the debug log it wrote (where npm puts the reason), and one retry for
// commands that reach a registry.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { childEnv } from './childEnv.mjs';
import { describeNpmLog } from './npmLog.mjs';

const isNpm = (cmd) => /^npm(\.cmd)?$/.test(path.basename(cmd));

/**
 * Runs `cmd args` and returns its stdout; throws when it exits non-zero or cannot start.
 * options: spawnSync options (env defaults to childEnv(): no outer npm configuration);
 * npmLog: look for npm's debug log on failure (default: when cmd is npm).
 */
export function runCommand(cmd, args, { npmLog = isNpm(cmd), ...options } = {}) {
  const env = options.env ?? childEnv();
  const since = Date.now();
  // maxBuffer: code-server's postinstall prints megabytes; past spawnSync's 1 MB default the child is killed.
  const result = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options, env });
  if (result.status === 0) return result.stdout;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const tail = output.split('\n').slice(-40).join('\n').trim();
  const why = result.error ? `${result.error.message}; ` : '';
  const log = npmLog ? describeNpmLog(output, { since, env }) : '';
  const error = new Error(`${cmd} ${args.join(' ')} failed (${why}exit ${result.status ?? result.signal}):\n${tail || '(no output)'}${log ? `\n${log}` : ''}`);
  error.output = output;
  throw error;
}

/** runCommand() for commands that reach a registry: one more try after a failure (a dropped connection, a registry hiccup). */
export function runWithRetry(log, cmd, args, options = {}) {
  try {
    return runCommand(cmd, args, options);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log(`${cmd} ${args[0] ?? ''} failed, trying once more:\n${message}`);
    return runCommand(cmd, args, options);
  }
}
