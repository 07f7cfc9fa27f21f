/**
 * A GraphQL Pipeline (GitLab GraphQL reference, type Pipeline) as the same Run the REST mapping
 * makes of the REST pipeline: numeric id from the global ID, `iid` from its string, the status enum
 * in REST's lower case, the web URL from the instance origin and the pipeline's `path`.
 */
import type { Run } from '../../core/model';
import { requireRecord, str, UnexpectedResponseError } from '../http';
import { pipelineRun, type PipelineTimeKeys } from './mapping';

const GRAPHQL_TIMES: PipelineTimeKeys = { created: 'createdAt', started: 'startedAt', updated: 'updatedAt', finished: 'finishedAt' };
const GLOBAL_ID = /^gid:\/\/gitlab\/Ci::Pipeline\/(\d+)$/;

export function mapGraphQLRun(body: unknown, host: string, pipelineName: string, what: string): Run {
  const p = requireRecord(body, what, ['id', 'status']);
  const id = GLOBAL_ID.exec(str(p, 'id') ?? '')?.[1];
  if (id === undefined) {
    throw new UnexpectedResponseError(`Unexpected answer for ${what}: ${JSON.stringify(p.id).slice(0, 60)} is not a pipeline global ID`);
  }
  const iid = Number(str(p, 'iid'));
  const path = str(p, 'path');
  const identity = {
    id,
    number: Number.isInteger(iid) && iid > 0 ? iid : Number(id),
    status: (str(p, 'status') ?? 'unknown').toLowerCase(),
    webUrl: path?.startsWith('/') ? `${new URL(host).origin}${path}` : '',
  };
  return pipelineRun(p, identity, GRAPHQL_TIMES, pipelineName);
}
