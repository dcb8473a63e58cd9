import { AuditEventEntity } from '../modules/audit/audit-event.entity';
import { UserEntity } from '../modules/auth/user.entity';
import { KnowledgeSourceEntity } from '../modules/chat/rag/entities/knowledge-source.entity';
import { LeadEntity } from '../modules/crm/entities/lead.entity';
import { BulkOperationItemEntity } from '../modules/bulk-operations/entities/bulk-operation-item.entity';
import { BulkOperationEntity } from '../modules/bulk-operations/entities/bulk-operation.entity';
import { CrmConnectionEntity } from '../modules/tenant-config/entities/crm-connection.entity';
import { PhoneNumberEntity } from '../modules/tenant-config/entities/phone-number.entity';
import { TenantConfigEntity } from '../modules/tenant-config/entities/tenant-config.entity';
import { TenantEntity } from '../modules/tenant-config/entities/tenant.entity';

/** Every TypeORM entity; the schema itself is defined by the migrations. */
export const ENTITIES = [
  UserEntity,
  AuditEventEntity,
  TenantEntity,
  CrmConnectionEntity,
  TenantConfigEntity,
  PhoneNumberEntity,
  LeadEntity,
  BulkOperationEntity,
  BulkOperationItemEntity,
  KnowledgeSourceEntity,
];
