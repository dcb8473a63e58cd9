import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthUser, LoginResponse, Role } from '@parley/shared-types';
import { AuthContext } from '../../common/auth/auth-context';
import { RateLimiter } from '../../common/rate-limit/rate-limiter';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { LoginDto } from './dto/login.dto';
import { DUMMY_HASH, verifyPassword } from './password-hasher';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/** What a Parley access token carries. */
export interface JwtPayload {
  sub: string;
  role: Role;
  tenant_id: string | null;
}

const BAD_CREDENTIALS = 'Email or password is incorrect';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async login(dto: LoginDto, clientAddress: string): Promise<LoginResponse> {
    const email = dto.email.trim().toLowerCase();
    await this.enforceLoginLimits(clientAddress, email);

    const user = await this.users.findByEmail(email);
    const passwordOk = await verifyPassword(dto.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !passwordOk) throw new UnauthorizedException(BAD_CREDENTIALS);
    if (user.disabled)
      throw new UnauthorizedException('This account is disabled; ask a platform admin to enable it');

    await this.users.touchLastLogin(user.id);
    const payload: JwtPayload = { sub: user.id, role: user.role, tenant_id: user.tenantId };
    return {
      access_token: await this.jwt.signAsync(payload),
      token_type: 'Bearer',
      expires_in: this.config.auth.jwtExpiresInSeconds,
      user: toAuthUser(user),
    };
  }

  /** Called for every authenticated request: the token must still match a live, enabled user. */
  async resolveUser(payload: JwtPayload): Promise<AuthContext> {
    const user = payload?.sub ? await this.users.findById(payload.sub) : null;
    if (!user || user.disabled || user.role !== payload.role || user.tenantId !== payload.tenant_id) {
      throw new UnauthorizedException('Missing or invalid access token');
    }
    return { userId: user.id, email: user.email, role: user.role, tenantId: user.tenantId };
  }

  private async enforceLoginLimits(clientAddress: string, email: string): Promise<void> {
    const { loginLimitPerIp, loginLimitPerEmail, loginLimitWindowSeconds: window } = this.config.auth;
    const verdicts = await Promise.all([
      this.rateLimiter.hit(`login:ip:${clientAddress}`, loginLimitPerIp, window),
      this.rateLimiter.hit(`login:email:${email}`, loginLimitPerEmail, window),
    ]);
    const refused = verdicts.filter((v) => !v.allowed);
    if (refused.length > 0) {
      const retryAfterSeconds = Math.max(...refused.map((v) => v.retryAfterSeconds));
      throw new HttpException(
        {
          message: `Too many login attempts; try again in ${retryAfterSeconds} seconds`,
          retryAfterSeconds,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}

export function toAuthUser(user: Pick<UserEntity, 'id' | 'email' | 'role' | 'tenantId'>): AuthUser {
  return { id: user.id, email: user.email, role: user.role, tenant_id: user.tenantId };
}

export function contextToAuthUser(ctx: AuthContext): AuthUser {
  return { id: ctx.userId, email: ctx.email, role: ctx.role, tenant_id: ctx.tenantId };
}
