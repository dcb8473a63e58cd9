export const ROLES = ['platform_admin', 'tenant_admin'] as const;
export type Role = (typeof ROLES)[number];

export interface LoginRequest {
  email: string;
  password: string;
}

export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  tenant_id: string | null;
}

export interface LoginResponse {
  access_token: string;
  token_type: 'Bearer';
  /** Lifetime of the token in seconds. */
  expires_in: number;
  user: AuthUser;
}

export interface VerifyResponse {
  valid: true;
  user: AuthUser;
}
