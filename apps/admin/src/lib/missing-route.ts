import { ApiError } from './api-client';

/**
 * Whether the server has no such route at all (an older or partial build), as opposed to a
 * missing record: Nest answers unknown routes with 404 "Cannot GET /path".
 */
export const isMissingRoute = (error: unknown): boolean =>
  error instanceof ApiError &&
  error.status === 404 &&
  /^Cannot (GET|POST|DELETE|PUT|PATCH) /.test(error.message);
