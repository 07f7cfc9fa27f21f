/**
 * Git remote URLs, whatever the CI system: https://host[:port]/path, ssh://[user@]host[:port]/path,
 * and scp-like [user@]host:path. Pure functions, no I/O.
 */

export interface RemoteParts {
  /** Lower-case host name, without port. */
  readonly hostname: string;
  /** Repository path as written, e.g. "/group/sub/project.git" or "owner/repo.git". */
  readonly path: string;
  /**
   * Port of an http(s) remote ('' for the scheme's default). Undefined for ssh and scp-like
   * remotes, whose port (if any) says nothing about the web server's.
   */
  readonly webPort?: string;
}

const SCHEMES = ['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:'];

export function splitRemote(remoteUrl: string): RemoteParts | undefined {
  const text = remoteUrl.trim();
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(text);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const [, hostname = '', path = ''] = scp;
    return { hostname: hostname.toLowerCase(), path };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (!SCHEMES.includes(url.protocol)) {
    return undefined;
  }
  const web = url.protocol === 'https:' || url.protocol === 'http:';
  return { hostname: url.hostname.toLowerCase(), path: decodeURIComponent(url.pathname), ...(web ? { webPort: url.port } : {}) };
}

/**
 * True when a remote can live on the web server at `webUrl`: same host name and, for http(s)
 * remotes, the same port (two servers on one host, e.g. a GitHub Enterprise and a GitLab, stay apart).
 */
export function remoteOnServer(parts: RemoteParts, webUrl: string, hostnames?: readonly string[]): boolean {
  const server = new URL(webUrl);
  const names = hostnames ?? [server.hostname.toLowerCase()];
  if (!names.includes(parts.hostname)) {
    return false;
  }
  return parts.webPort === undefined || parts.webPort === server.port;
}

/**
 * A comparable key of a git repository URL: "host/path" lower-cased, without .git, so that
 * git@github.com:acme/web.git and https://github.com/acme/web name the same repository.
 */
export function repositoryKey(url: string): string | undefined {
  const parts = splitRemote(url);
  if (!parts) return undefined;
  const path = parts.path.replace(/^\/+|\/+$/g, '').replace(/\.git$/i, '');
  return path === '' ? undefined : `${parts.hostname}/${path.toLowerCase()}`;
}
