import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A tenant's CRM credentials. Columns ending in `Enc` hold SecretBox ciphertext, never plaintext. */
@Entity('crm_connections')
export class CrmConnectionEntity {
  @PrimaryColumn({ type: 'text' })
  tenantId: string;

  @Column({ type: 'text', nullable: true })
  zohoClientId: string | null;

  @Column({ type: 'text', nullable: true })
  zohoClientSecretEnc: string | null;

  @Column({ type: 'text', nullable: true })
  zohoAccountsUrl: string | null;

  @Column({ type: 'text', nullable: true })
  zohoApiUrl: string | null;

  @Column({ type: 'text', nullable: true })
  zohoRefreshTokenEnc: string | null;

  @Column({ type: 'text', nullable: true })
  hubspotApiKeyEnc: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
