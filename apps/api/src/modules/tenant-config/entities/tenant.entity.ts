import type {
  BotTexts,
  CrmKind,
  LlmProvider,
  ReengagementTemplate,
  TenantStatus,
} from '@parley/shared-types';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('tenants')
export class TenantEntity {
  /** A slug chosen by the platform admin, e.g. `lifecode_india`. */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'active' })
  status: TenantStatus;

  @Column({ type: 'text', nullable: true })
  defaultCountry: string | null;

  @Column({ type: 'text', nullable: true })
  welcomeMessage: string | null;

  @Column({ type: 'text', nullable: true })
  logoUrl: string | null;

  @Column({ type: 'text', default: 'local' })
  crmKind: CrmKind;

  @Column({ type: 'text', default: 'gemini' })
  llmProvider: LlmProvider;

  @Column({ type: 'text', nullable: true })
  llmModel: string | null;

  @Column({ type: 'boolean', default: true })
  llmAllowSwitch: boolean;

  @Column({ type: 'text', nullable: true })
  llmSystemPrompt: string | null;

  /** Sent when a reply finds the 24-hour window closed (null: record the failure). */
  @Column({ type: 'jsonb', nullable: true })
  reengagementTemplate: ReengagementTemplate | null;

  /** SecretBox ciphertext of the tenant's own Gemini API key. */
  @Column({ type: 'text', nullable: true })
  llmGeminiApiKeyEnc: string | null;

  /** Overrides of the bot's fixed texts; absent keys use the defaults. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  botTexts: BotTexts;

  @Column({ type: 'boolean', default: true })
  leadCaptureAllowSkipEmail: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
