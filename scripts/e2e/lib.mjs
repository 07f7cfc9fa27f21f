// Small process helpers shared by the e2e scripts: child processes in their own
// process group (so stop() ends the whole tree, by PID), free ports, polling,
// and cleanup on exit / Ctrl-C / SIGTERM.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A free TCP port on 127.0.0.1 (or `preferred` when it is free). */
export function freePort(preferred = 0) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (err) => {
      if (preferred) freePort(0).then(resolve, reject);
      else reject(err);
    });
    server.listen(preferred, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts connections on 127.0.0.1:port. */
export async function portInUse(port) {
  const free = await new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  return !free;
}

/** Polls `fn` until it returns a truthy value; throws `message` after `timeout` ms. */
export async function waitFor(fn, { timeout = 30_000, interval = 200, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${why}`);
    }
    await sleep(interval);
  }
}

/**
 * Spawns a detached child (own process group). `onLine(stream, line)` receives output lines.
 * Returns { child, pid, exited: Promise<{code, signal}>, kill() }.
 */
export function spawnGroup(cmd, args, { onLine, ...options } = {}) {
  const child = spawn(cmd, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  for (const [name, stream] of [['stdout', child.stdout], ['stderr', child.stderr]]) {
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) onLine?.(name, line);
    });
    stream.on('end', () => { if (buffer) onLine?.(name, buffer); });
  }
  let exitedFlag = false;
  exited.then(() => { exitedFlag = true; });
  const handle = {
    child,
    pid: child.pid,
    exited,
    /** SIGTERM to the process group, SIGKILL after `grace` ms. */
    async kill(grace = 3000) {
      if (!child.pid) return;
      killGroup(child.pid, 'SIGTERM');
      const timer = sleep(grace).then(() => 'timeout');
      const result = await Promise.race([exited.then(() => 'exited'), timer]);
      // The leader may be gone while children of the group linger: always sweep the group.
      killGroup(child.pid, 'SIGKILL');
      if (result === 'timeout' && !exitedFlag) await Promise.race([exited, sleep(1000)]);
    },
  };
  return handle;
}

/** Sends a signal to a process group by its leader PID; ignores "no such process". */
export function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    if (err?.code !== 'ESRCH') throw err;
  }
}

const cleanups = new Set();
let handlersInstalled = false;
let cleaningUp = null;

/** Registers an async cleanup that runs once on exit, Ctrl-C or SIGTERM. Returns an unregister function. */
export function onCleanup(fn) {
  installHandlers();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Runs all registered cleanups (latest first). */
export async function runCleanups() {
  if (!cleaningUp) {
    cleaningUp = (async () => {
      for (const fn of [...cleanups].reverse()) {
        cleanups.delete(fn);
        try { await fn(); } catch (err) { console.error(`[cleanup] ${err instanceof Error ? err.message : String(err)}`); }
      }
    })().finally(() => { cleaningUp = null; });
  }
  return cleaningUp;
}

let stoppingBySignal = false;

/** True once Ctrl-C / SIGTERM / SIGHUP started the cleanups. */
export function stopping() {
  return stoppingBySignal;
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      stoppingBySignal = true;
      console.error(`\n[e2e] ${signal}: stopping ...`);
      runCleanups().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

export function elapsed(t) {
  return `${((Date.now() - t) / 1000).toFixed(1)}s`;
}
