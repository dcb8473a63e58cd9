import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { hashPassword } from './password-hasher';
import { UsersRepository } from './users.repository';

export const DEFAULT_ADMIN_EMAIL = 'admin@parley.local';

export interface CreatedAdmin {
  email: string;
  /** Present only when Parley generated it; it is shown once and never stored in clear. */
  generatedPassword?: string;
}

/** On a database with no platform admin, creates one from ADMIN_EMAIL/ADMIN_PASSWORD or a generated password. */
@Injectable()
export class BootstrapAdminService {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
  ) {}

  async ensurePlatformAdmin(): Promise<CreatedAdmin | null> {
    if ((await this.users.countPlatformAdmins()) > 0) return null;
    const email = (this.config.auth.adminEmail ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
    const generatedPassword = this.config.auth.adminPassword
      ? undefined
      : randomBytes(12).toString('base64url');
    const password = this.config.auth.adminPassword ?? generatedPassword!;
    const id = await this.users.insertIfAbsent({
      email,
      passwordHash: await hashPassword(password),
      role: 'platform_admin',
      tenantId: null,
    });
    if (!id) return null;
    this.logger.log({ user_id: id, email }, 'Created the first platform admin');
    return { email, generatedPassword };
  }
}
