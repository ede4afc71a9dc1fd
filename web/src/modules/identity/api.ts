import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { childrenResponse, loginBody, loginResponse, meResponse, updateMeBody } from '../../../../contracts/identity.js';
import { api, isApiError } from '../../api/client.js';

export type Me = z.infer<typeof meResponse>;
export type Role = Me['roles'][number]['role'];
export type RoleGrant = Me['roles'][number];
export type Children = z.infer<typeof childrenResponse>;
export type LoginBody = z.input<typeof loginBody>;
export type LoginResponse = z.infer<typeof loginResponse>;
export type UpdateMeBody = z.input<typeof updateMeBody>;

export const ME_KEY = ['me'] as const;

/** Who is signed in: the person, their roles and language; `null` when no session is open. */
export const meQuery = queryOptions({
  queryKey: ME_KEY,
  queryFn: async ({ signal }): Promise<Me | null> => {
    try {
      return await api.get<Me>('/api/me', { signal });
    } catch (err) {
      if (isApiError(err) && err.code === 'auth.required') return null;
      throw err;
    }
  },
  staleTime: 5 * 60_000,
});

export const childrenQuery = queryOptions({
  queryKey: ['me', 'children'],
  queryFn: ({ signal }) => api.get<Children>('/api/me/children', { signal }),
});

export const signIn = (body: LoginBody) => api.post<LoginResponse>('/api/auth/login', body);
export const signOut = () => api.post<void>('/api/auth/logout');
export const updateMe = (body: UpdateMeBody) => api.patch<Me>('/api/me', body);
