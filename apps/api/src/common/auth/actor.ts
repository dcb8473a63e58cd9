import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthContext } from './auth-context';

/** Who did something and from where, as recorded in the audit log. */
export interface ActorContext {
  userId: string | null;
  email: string | null;
  role: string | null;
  ip: string | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: ActorContext = {
  userId: null,
  email: 'system',
  role: 'system',
  ip: null,
  requestId: null,
};
export const cliActor = (command: string): ActorContext => ({
  ...SYSTEM_ACTOR,
  email: `cli:${command}`,
  role: 'cli',
});

export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): ActorContext => {
  const req = ctx.switchToHttp().getRequest<Request & { user?: AuthContext; id?: string }>();
  return {
    userId: req.user?.userId ?? null,
    email: req.user?.email ?? null,
    role: req.user?.role ?? null,
    ip: req.ip ?? null,
    requestId: req.id ?? null,
  };
});
