/**
 * Tiny DOM helpers. Text always goes in through textContent; no HTML strings anywhere.
 */
import type { WebviewMessage } from '../shared/protocol';

export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  readonly title?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: readonly (Node | undefined)[] = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className !== undefined) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  if (options.title !== undefined) element.title = options.title;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    // Only fixed, code-chosen attribute names reach here (aria-*, role, tabindex, data-*).
    element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== undefined) element.append(child);
  }
  return element;
}

/** A decorative codicon (the font ships in dist/codicons). */
export function codicon(name: string, spin = false): HTMLSpanElement {
  return h('span', { className: `codicon codicon-${name}${spin ? ' codicon-modifier-spin' : ''}`, attrs: { 'aria-hidden': 'true' } });
}

/** A button with an accessible label and a decorative codicon. */
export function button(label: string, icon: string, onClick: () => void, className = 'icon-button'): HTMLButtonElement {
  const element = h('button', { className, title: label, attrs: { 'aria-label': label, type: 'button' } }, [codicon(icon)]);
  element.addEventListener('click', onClick);
  return element;
}

export interface PersistedState {
  readonly jobId?: string;
  readonly topLine?: number;
  readonly tab?: 'logs' | 'checks' | 'artifacts';
  readonly searchText?: string;
  readonly caseSensitive?: boolean;
  readonly regex?: boolean;
  readonly showTimestamps?: boolean;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Host {
  post(message: WebviewMessage): void;
  state(): PersistedState;
  saveState(patch: Partial<PersistedState>): void;
}

export function connectHost(): Host {
  const api = acquireVsCodeApi();
  let current: PersistedState = {};
  const saved = api.getState();
  if (typeof saved === 'object' && saved !== null) current = saved;
  return {
    post: (message) => api.postMessage(message),
    state: () => current,
    saveState: (patch) => {
      current = { ...current, ...patch };
      api.setState(current);
    },
  };
}
