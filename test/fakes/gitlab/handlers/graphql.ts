/** POST /api/graphql: GitLab's GraphQL endpoint (graphql/), beside the REST routes below /api/v4. */
import { executeQuery } from '../graphql/execute';
import { GraphQLSyntaxError, parseQuery } from '../graphql/parse';
import { json, type Route } from '../types';

/** The endpoint's path on the instance, outside /api/v4. */
export const GRAPHQL_PATH = '/api/graphql';

export const graphqlRoutes: readonly Route[] = [
  {
    name: `POST ${GRAPHQL_PATH}`,
    access: 'read',
    handle: (ctx) => {
      const body = ctx.body;
      const request = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      if (typeof request.query !== 'string') {
        return json(200, { errors: [{ message: 'No query string was present' }] });
      }
      const variables = typeof request.variables === 'object' && request.variables !== null ? (request.variables as Record<string, unknown>) : {};
      try {
        return json(200, executeQuery(ctx.state, ctx.web, parseQuery(request.query), variables));
      } catch (error) {
        if (error instanceof GraphQLSyntaxError) {
          return json(200, { errors: [{ message: error.message }] });
        }
        throw error;
      }
    },
  },
];
