import type { Role } from '@parley/shared-types';

/** Who is calling, as established from a verified JWT and a live user row. */
export interface AuthContext {
  userId: string;
  email: string;
  role: Role;
  tenantId: string | null;
}
