/** GET /user and GET /personal_access_tokens/self. */
import { userJson } from '../shapes';
import { json, notFound, type Route } from '../types';

export const userRoutes: readonly Route[] = [
  {
    name: 'GET /user',
    access: 'user',
    handle: ({ state, web, token }) => {
      const user = state.users.get(token.username);
      return user ? json(200, userJson(web, user)) : notFound('404 User Not Found');
    },
  },
  {
    name: 'GET /personal_access_tokens/self',
    access: 'user',
    handle: ({ state, token }) => {
      if (token.personal === false) {
        return notFound();
      }
      const user = state.users.get(token.username);
      return json(200, {
        id: 1,
        name: 'flowforge',
        revoked: false,
        created_at: '2024-01-01T00:00:00.000Z',
        description: null,
        scopes: token.scopes,
        user_id: user?.id ?? 1,
        last_used_at: null,
        active: true,
        expires_at: '2099-01-01',
      });
    },
  },
];
