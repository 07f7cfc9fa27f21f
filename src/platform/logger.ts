import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import { redact } from '../core/redact';

/** The one FlowForge LogOutputChannel, behind the core Logger port, with credentials redacted. */
export class ChannelLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('FlowForge', { log: true });
  }

  trace(message: string, ...args: unknown[]): void {
    this.channel.trace(clean(message), ...args.map(cleanArg));
  }
  debug(message: string, ...args: unknown[]): void {
    this.channel.debug(clean(message), ...args.map(cleanArg));
  }
  info(message: string, ...args: unknown[]): void {
    this.channel.info(clean(message), ...args.map(cleanArg));
  }
  warn(message: string, ...args: unknown[]): void {
    this.channel.warn(clean(message), ...args.map(cleanArg));
  }
  error(message: string | Error, ...args: unknown[]): void {
    const text = message instanceof Error ? `${message.name}: ${message.message}` : message;
    this.channel.error(clean(text), ...args.map(cleanArg));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function clean(text: string): string {
  return redact(text);
}

function cleanArg(arg: unknown): unknown {
  if (typeof arg === 'string') {
    return redact(arg);
  }
  if (arg instanceof Error) {
    return redact(`${arg.name}: ${arg.message}`);
  }
  return arg;
}
