import type { Role } from '@parley/shared-types';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { ErrorState } from '../../../components/States';
import { ApiError } from '../../../lib/api-client';
import { useSession } from '../session';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) {
    const next = location.pathname + location.search;
    return (
      <Navigate to={`${paths.login}${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />
    );
  }
  return <>{children}</>;
}

export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { session } = useSession();
  if (session?.user.role !== role) {
    return <ErrorState error={new ApiError(403, `This page is for ${role.replace('_', ' ')}s only.`)} />;
  }
  return <>{children}</>;
}
