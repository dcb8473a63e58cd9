import { useMutation } from '@tanstack/react-query';
import { ApiRoutes, type LoginRequest, type LoginResponse } from '@parley/shared-types';
import { apiRequest } from '../../../lib/api-client';

export const login = (body: LoginRequest) =>
  apiRequest<LoginResponse>(ApiRoutes.login, { method: 'POST', body });

export function useLogin() {
  return useMutation({ mutationFn: login });
}
