import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@parley/shared-types';
import type { AuthContext } from './auth-context';

export const IS_PUBLIC = 'parley:public';
export const ROLES = 'parley:roles';

/** Opts a route out of the global JWT guard; every other route needs a valid token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired token' }),
    ApiForbiddenResponse({ description: `Requires role ${roles.join(' or ')}` }),
  );

export const PlatformAdminOnly = () => Roles('platform_admin');
export const TenantAdminOnly = () => Roles('tenant_admin');

function requestUser(ctx: ExecutionContext): AuthContext {
  return ctx.switchToHttp().getRequest<{ user: AuthContext }>().user;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext) => requestUser(ctx));

/**
 * The caller's tenant, taken only from the verified token (never from a path or a body), so a
 * tenant admin can only ever address their own tenant's rows.
 */
export const TenantId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const tenantId = requestUser(ctx)?.tenantId;
  if (!tenantId) {
    throw new ForbiddenException(
      'This route is for tenant admins; platform admins use the /api/v1/admin routes',
    );
  }
  return tenantId;
});
