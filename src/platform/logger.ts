import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import type { Redactor } from '../core/redact';

/** The one FlowForge LogOutputChannel, behind the core Logger port, with credentials redacted. */
export class ChannelLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(private readonly redactor: Redactor) {
    this.channel = vscode.window.createOutputChannel('FlowForge', { log: true });
  }

  trace(message: string, ...args: unknown[]): void {
    this.channel.trace(this.clean(message), ...args.map((a) => this.cleanArg(a)));
  }
  debug(message: string, ...args: unknown[]): void {
    this.channel.debug(this.clean(message), ...args.map((a) => this.cleanArg(a)));
  }
  info(message: string, ...args: unknown[]): void {
    this.channel.info(this.clean(message), ...args.map((a) => this.cleanArg(a)));
  }
  warn(message: string, ...args: unknown[]): void {
    this.channel.warn(this.clean(message), ...args.map((a) => this.cleanArg(a)));
  }
  error(message: string | Error, ...args: unknown[]): void {
    const text = message instanceof Error ? `${message.name}: ${message.message}` : message;
    this.channel.error(this.clean(text), ...args.map((a) => this.cleanArg(a)));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private clean(text: string): string {
    return this.redactor.redact(text);
  }

  private cleanArg(arg: unknown): unknown {
    if (typeof arg === 'string') {
      return this.redactor.redact(arg);
    }
    if (arg instanceof Error) {
      return this.redactor.redact(`${arg.name}: ${arg.message}`);
    }
    return arg;
  }
}


