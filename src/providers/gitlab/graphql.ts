/**
 * GitLab's GraphQL endpoint (POST /api/graphql, https://docs.gitlab.com/api/graphql/), through the
 * instance's REST client: same credentials, limiter, whole-exchange timeout and typed HTTP errors.
 * A query is a read but goes out as a POST, so the client never retries it. An answer with an
 * `errors` list (GitLab answers those with 200) becomes a GraphQLError; a body without a `data`
 * object is a shape error.
 */
import { isRecord, requireRecord, str, UnexpectedResponseError, type JsonRecord } from '../http';
import type { GitLabHttp } from './http';

/** The answer had an `errors` list: an unknown field on an older GitLab, a query too complex, … */
export class GraphQLError extends UnexpectedResponseError {
  constructor(
    message: string,
    /** GitLab's "Query has complexity of N, which exceeds max complexity of M" (or the depth limit). */
    readonly tooComplex: boolean,
  ) {
    super(message);
  }
}

export interface GraphQLRequest {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** Token-free description for messages. */
  readonly what: string;
  readonly signal?: AbortSignal;
}

const TOO_COMPLEX = /complexity|depth of/i;

function messages(errors: readonly unknown[]): string[] {
  return errors.map((e) => (isRecord(e) ? (str(e, 'message') ?? '') : '')).filter((m) => m !== '');
}

/** `data` of the answer; GraphQLError when the server listed errors (even beside partial data). */
export async function postGraphQL(http: GitLabHttp, host: string, request: GraphQLRequest): Promise<JsonRecord> {
  const what = `GraphQL ${request.what}`;
  const response = await http.request({
    method: 'POST',
    path: `${host}/api/graphql`,
    json: { query: request.query, variables: request.variables },
    what,
    signal: request.signal,
  });
  const body = requireRecord(response.body, `GitLab ${what}`);
  const errors = body.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const listed = messages(errors);
    const text = listed.length > 0 ? listed.join('; ').slice(0, 300) : 'an error without a message';
    throw new GraphQLError(`GitLab ${what} answered with errors: ${text}`, listed.some((m) => TOO_COMPLEX.test(m)));
  }
  if (!isRecord(body.data)) {
    throw new UnexpectedResponseError(`Unexpected answer for GitLab ${what}: no data object`);
  }
  return body.data;
}
