/** "METHOD /path/{param}" routes; the key doubles as the name in stats and fault rules. */
import type { RouteHandler } from './reply';

interface Route<Identity> {
  readonly key: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handler: RouteHandler<Identity>;
}

export interface RouteMatch<Identity> {
  readonly key: string;
  readonly params: Record<string, string>;
  readonly handler: RouteHandler<Identity>;
}

export class Router<Identity> {
  private readonly routes: Route<Identity>[] = [];

  /**
   * `{name}` or `:name` matches one path segment (a trailing `{name}.txt` style suffix is allowed);
   * `*name` matches the rest of the path, slashes included.
   */
  add(key: string, handler: RouteHandler<Identity>): this {
    const [method = '', path = ''] = key.split(' ');
    const names: string[] = [];
    const source = path.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}|:(\w+)|\*(\w+)/g, (_match, braced?: string, colon?: string, rest?: string) => {
      names.push(braced ?? colon ?? rest ?? '');
      return rest === undefined ? '([^/]+?)' : '(.+)';
    });
    this.routes.push({ key, method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  match(method: string, path: string): RouteMatch<Identity> | undefined {
    for (const route of this.routes) {
      const found = route.method === method ? route.pattern.exec(path) : null;
      if (found) {
        const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? '')]));
        return { key: route.key, params, handler: route.handler };
      }
    }
    return undefined;
  }

  /** True when some route has this path for another method (405 rather than 404). */
  hasPath(path: string): boolean {
    return this.routes.some((route) => route.pattern.test(path));
  }
}
