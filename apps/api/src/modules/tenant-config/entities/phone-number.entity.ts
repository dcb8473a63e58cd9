import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A business phone number that routes webhooks to its tenant; `phoneNumberId` is unique platform-wide. */
@Entity('phone_numbers')
export class PhoneNumberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  tenantId: string;

  @Column({ type: 'uuid' })
  configId: string;

  @Column({ type: 'text' })
  phoneNumberId: string;

  @Column({ type: 'text', nullable: true })
  displayPhoneNumber: string | null;

  @Column({ type: 'text', nullable: true })
  verifiedName: string | null;

  @Column({ type: 'text', nullable: true })
  qualityRating: string | null;

  @Column({ type: 'boolean', default: false })
  isPrimary: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
