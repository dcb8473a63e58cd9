/** Every page of the admin app, so links are never spelled twice. */
export const paths = {
  login: '/login',
  home: '/',
} as const;
