import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A tenant's WhatsApp Cloud API configuration. Columns ending in `Enc` hold SecretBox ciphertext. */
@Entity('tenant_configs')
export class TenantConfigEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  tenantId: string;

  @Column({ type: 'text', nullable: true })
  wabaId: string | null;

  @Column({ type: 'text' })
  phoneNumberId: string;

  @Column({ type: 'text', nullable: true })
  displayPhoneNumber: string | null;

  @Column({ type: 'text', nullable: true })
  businessId: string | null;

  @Column({ type: 'text', nullable: true })
  accessTokenEnc: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  tokenExpiresAt: Date | null;

  @Column({ type: 'text', nullable: true })
  fbAppId: string | null;

  @Column({ type: 'text', nullable: true })
  fbAppSecretEnc: string | null;

  @Column({ type: 'text', nullable: true })
  webhookVerifyTokenEnc: string | null;

  @Column({ type: 'text', nullable: true })
  callbackUrl: string | null;

  @Column({ type: 'boolean', default: false })
  onboardingCompleted: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  onboardingCompletedAt: Date | null;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
