/**
 * A stored credential is either a bare token or, for providers whose descriptor asks for a user
 * name, `user:secret` (the form HTTP Basic encodes; a Basic user name cannot contain ':').
 * No `vscode` here.
 */

export interface Credential {
  /** Undefined for a bare token. */
  readonly user?: string;
  readonly secret: string;
}

export function joinCredential(user: string | undefined, secret: string): string {
  const name = user?.trim() ?? '';
  return name === '' ? secret : `${name}:${secret}`;
}

/** Splits at the first ':'; a credential without one is a bare token. */
export function splitCredential(credential: string): Credential {
  const colon = credential.indexOf(':');
  if (colon <= 0) {
    return { secret: colon === 0 ? credential.slice(1) : credential };
  }
  return { user: credential.slice(0, colon), secret: credential.slice(colon + 1) };
}

/** The value of an `Authorization: Basic …` header for a `user:secret` credential. */
export function basicAuthorization(credential: Credential): string {
  return `Basic ${Buffer.from(`${credential.user ?? ''}:${credential.secret}`, 'utf8').toString('base64')}`;
}

/**
 * Every form in which a credential may leak into text (the whole, the secret alone, its Basic
 * header value): all of them are redacted by value.
 */
export function credentialSecrets(credential: string): readonly string[] {
  const parts = splitCredential(credential);
  const values = new Set([credential, parts.secret]);
  if (parts.user !== undefined) {
    values.add(basicAuthorization(parts).slice('Basic '.length));
  }
  return [...values];
}
