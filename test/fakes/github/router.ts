/** Matches "METHOD /path/{param}" routes; the route string doubles as the key for stats and faults. */
import type { Handler } from './http';

interface Route {
  readonly key: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handler: Handler;
}

export interface Match {
  readonly key: string;
  readonly params: Record<string, string>;
  readonly handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(key: string, handler: Handler): this {
    const [method = '', path = ''] = key.split(' ');
    const names: string[] = [];
    const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_match, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ key, method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  match(method: string, path: string): Match | undefined {
    for (const route of this.routes) {
      const found = route.method === method ? route.pattern.exec(path) : null;
      if (found) {
        const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? '')]));
        return { key: route.key, params, handler: route.handler };
      }
    }
    return undefined;
  }
}
