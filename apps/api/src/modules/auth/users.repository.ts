import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository {
  private readonly repo: Repository<UserEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(UserEntity);
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo.findOne({ where: { email: email.trim().toLowerCase() } });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  countPlatformAdmins(): Promise<number> {
    return this.repo.count({ where: { role: 'platform_admin' } });
  }

  /** Inserts unless the email is taken; returns null when another process won the race. */
  async insertIfAbsent(user: Pick<UserEntity, 'email' | 'passwordHash' | 'role' | 'tenantId'>) {
    const rows: { id: string }[] = await this.repo.query(
      `INSERT INTO users (email, password_hash, role, tenant_id) VALUES (lower($1), $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING id`,
      [user.email.trim(), user.passwordHash, user.role, user.tenantId],
    );
    return rows[0]?.id ?? null;
  }

  async touchLastLogin(id: string): Promise<void> {
    await this.repo.update({ id }, { lastLoginAt: new Date() });
  }
}
