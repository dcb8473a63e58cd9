import { Injectable } from '@nestjs/common';
import type { TenantUser } from '@parley/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { ActorContext } from '../../common/auth/actor';
import { isUniqueViolation } from '../../common/http/db-errors';
import { conflict, notFound } from '../../common/http/domain-error';
import { runInTransaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password-hasher';
import { UserEntity } from '../auth/user.entity';
import { CreateTenantUserDto, UpdateTenantUserDto } from './dto/tenant-user.dto';
import { TenantEntity } from './entities/tenant.entity';

const EMAIL_TAKEN = 'A user with this email already exists';

/** The admins of one tenant, managed by platform admins. Every query is scoped by the tenant. */
@Injectable()
export class TenantUsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(tenantId: string): Promise<TenantUser[]> {
    await this.assertTenant(this.dataSource.manager, tenantId);
    const users = await this.dataSource.manager.find(UserEntity, {
      where: { tenantId, role: 'tenant_admin' },
      order: { createdAt: 'ASC' },
    });
    return users.map(toTenantUser);
  }

  async get(tenantId: string, userId: string): Promise<TenantUser> {
    return toTenantUser(await this.findUser(this.dataSource.manager, tenantId, userId));
  }

  async create(actor: ActorContext, tenantId: string, dto: CreateTenantUserDto): Promise<TenantUser> {
    const passwordHash = await hashPassword(dto.password);
    return this.guardEmail(() =>
      runInTransaction(this.dataSource, async (tx) => {
        await this.assertTenant(tx.manager, tenantId);
        const user = await tx.manager.save(
          tx.manager.create(UserEntity, {
            email: dto.email.trim().toLowerCase(),
            passwordHash,
            role: 'tenant_admin',
            tenantId,
          }),
        );
        const after = toTenantUser(user);
        await this.audit.record(tx.manager, {
          actor,
          tenantId,
          action: 'user.create',
          targetType: 'user',
          targetId: user.id,
          after,
        });
        return after;
      }),
    );
  }

  async update(
    actor: ActorContext,
    tenantId: string,
    userId: string,
    dto: UpdateTenantUserDto,
  ): Promise<TenantUser> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.guardEmail(() =>
      runInTransaction(this.dataSource, async (tx) => {
        const user = await this.findUser(tx.manager, tenantId, userId);
        const before = toTenantUser(user);
        if (dto.email !== undefined) user.email = dto.email.trim().toLowerCase();
        if (dto.disabled !== undefined) user.disabled = dto.disabled;
        if (passwordHash) user.passwordHash = passwordHash;
        await tx.manager.save(user);
        const after = toTenantUser(user);
        const action =
          dto.disabled === true && !before.disabled
            ? 'user.disable'
            : dto.disabled === false && before.disabled
              ? 'user.enable'
              : passwordHash
                ? 'user.password_reset'
                : 'user.update';
        // The password never enters the audit trail, only the fact that it changed.
        await this.audit.record(tx.manager, {
          actor,
          tenantId,
          action,
          targetType: 'user',
          targetId: user.id,
          before,
          after: passwordHash ? { ...after, password: 'changed' } : after,
        });
        return after;
      }),
    );
  }

  async remove(actor: ActorContext, tenantId: string, userId: string): Promise<void> {
    await runInTransaction(this.dataSource, async (tx) => {
      const user = await this.findUser(tx.manager, tenantId, userId);
      await tx.manager.delete(UserEntity, { id: user.id, tenantId });
      await this.audit.record(tx.manager, {
        actor,
        tenantId,
        action: 'user.delete',
        targetType: 'user',
        targetId: user.id,
        before: toTenantUser(user),
      });
    });
  }

  private async assertTenant(m: EntityManager, tenantId: string): Promise<void> {
    if (!(await m.exists(TenantEntity, { where: { id: tenantId } }))) throw notFound(`Tenant "${tenantId}"`);
  }

  private async findUser(m: EntityManager, tenantId: string, userId: string): Promise<UserEntity> {
    await this.assertTenant(m, tenantId);
    const user = /^[0-9a-f-]{36}$/i.test(userId)
      ? await m.findOne(UserEntity, { where: { id: userId, tenantId, role: 'tenant_admin' } })
      : null;
    if (!user) throw notFound(`User ${userId} of tenant "${tenantId}"`);
    return user;
  }

  private async guardEmail<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw conflict(EMAIL_TAKEN);
      throw error;
    }
  }
}

function toTenantUser(user: UserEntity): TenantUser {
  return {
    id: user.id,
    email: user.email,
    role: 'tenant_admin',
    tenant_id: user.tenantId!,
    disabled: user.disabled,
    last_login_at: user.lastLoginAt?.toISOString() ?? null,
    created_at: user.createdAt.toISOString(),
  };
}
