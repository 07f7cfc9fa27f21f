// Shared helpers of the integration tests (run inside the extension host).
import * as vscode from 'vscode';

export const EXTENSION_ID = 'flowforge.flowforge';

/** The scenario server's control URL, set by scripts/e2e/integration.mjs (absent: scenario tests skip). */
export const scenarioUrl = process.env.E2E_SCENARIO_URL;

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  await extension.activate();
  // activate() returns before the composition is loaded (src/extension.ts): wait for it.
  await (extension.exports as { ready?: Promise<unknown> } | undefined)?.ready;
  return extension;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until fn returns a truthy value (or throws after timeout with the last value described). */
export async function waitFor<T>(fn: () => Promise<T> | T, what: string, timeout = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      last = value;
    } catch (err) {
      last = err instanceof Error ? err.message : err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(250);
  }
}

export interface RecordedRequest { seq: number; at: number; method: string; path: string; status: number; auth: string | null }

export async function scenario<T = unknown>(path = '', body?: unknown): Promise<T> {
  if (!scenarioUrl) throw new Error('E2E_SCENARIO_URL is not set');
  const res = await fetch(`${scenarioUrl}/__scenario${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`scenario ${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export async function requestsSince(seq: number): Promise<RecordedRequest[]> {
  return scenario<RecordedRequest[]>(`/requests?since=${seq}`);
}

export async function lastSeq(): Promise<number> {
  const all = await requestsSince(0);
  return all.length ? all[all.length - 1]!.seq : 0;
}

/** Flattens whatever getTreeSnapshot() returns into label strings. */
export function labelsOf(nodes: unknown): string[] {
  const out: string[] = [];
  const visit = (n: unknown): void => {
    if (typeof n === 'string') { out.push(n); return; }
    if (Array.isArray(n)) { n.forEach(visit); return; }
    if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      for (const key of ['label', 'text', 'description']) if (typeof o[key] === 'string') out.push(o[key]);
      for (const key of ['children', 'items']) if (o[key]) visit(o[key]);
    }
  };
  visit(nodes);
  return out;
}
