/**
 * Credentials as one request header. `secret` is the raw token: the client redacts it by value
 * from every error message, and drops the header on a redirect to another origin.
 */
export interface AuthHeader {
  readonly name: string;
  readonly value: string;
  readonly secret: string;
}

/** `Authorization: Bearer <token>` (GitLab, Buildkite, Bitbucket access tokens). */
export function bearer(token: string): AuthHeader {
  return { name: 'authorization', value: `Bearer ${token}`, secret: token };
}

/** `Authorization: Basic base64(user:token)` (Jenkins, Bitbucket app passwords, Azure DevOps PATs). */
export function basic(user: string, token: string): AuthHeader {
  return { name: 'authorization', value: `Basic ${Buffer.from(`${user}:${token}`, 'utf8').toString('base64')}`, secret: token };
}

/** A service-specific header, e.g. `tokenHeader('private-token', token)` for GitLab. */
export function tokenHeader(name: string, token: string): AuthHeader {
  return { name: name.toLowerCase(), value: token, secret: token };
}
