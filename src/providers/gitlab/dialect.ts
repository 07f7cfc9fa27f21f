/** How GitLab explains its errors: the `message` shapes of its error bodies and the scopes a 403 lacks. */
import { asArray, isRecord, str, type ErrorDialect, type FailedResponse } from '../http';

/** GitLab's explanation from an error body: `message` (string, list or field map) or `error`. */
export function gitlabMessage(body: unknown): string | undefined {
  if (!isRecord(body)) {
    return typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 500) : undefined;
  }
  const message = body.message;
  if (typeof message === 'string') {
    return message;
  }
  if (Array.isArray(message)) {
    return asArray(message).map(String).join('; ');
  }
  if (isRecord(message)) {
    return Object.entries(message)
      .map(([field, value]) => {
        const text = Array.isArray(value) ? value.map(String).join(', ') : String(value);
        return field === 'base' ? text : `${field} ${text}`;
      })
      .join('; ');
  }
  return str(body, 'error_description') ?? str(body, 'error');
}

function forbidden(failure: FailedResponse): { missingScopes: readonly string[]; need: string } {
  const isMutation = failure.method !== 'GET';
  const need = isMutation
    ? 'this action requires the api scope and at least the Developer role on the project'
    : 'reading requires the read_api (or api) scope and access to the project';
  const { body } = failure;
  if (!isRecord(body) || str(body, 'error') !== 'insufficient_scope') {
    return { missingScopes: [], need };
  }
  if (isMutation) {
    return { missingScopes: ['api'], need };
  }
  const listed = (str(body, 'scope') ?? '').split(/\s+/).filter(Boolean);
  return { missingScopes: listed.includes('read_api') ? ['read_api'] : listed.slice(0, 1), need };
}

export const GITLAB_DIALECT: ErrorDialect = { service: 'GitLab', messageOf: gitlabMessage, forbidden };
