/** Paths of the HTTP API, so the admin app and the tests never spell them twice. */
export const API_PREFIX = '/api/v1';

export const ApiRoutes = {
  login: `${API_PREFIX}/auth/login`,
  verify: `${API_PREFIX}/auth/verify`,
  me: `${API_PREFIX}/auth/me`,
  health: '/health',
} as const;

export const AdminRoutes = {
  system: `${API_PREFIX}/admin/system`,
} as const;
