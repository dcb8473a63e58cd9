import { Foundation1795200000000 } from './1795200000000-Foundation';
import { TenantConfiguration1795200001000 } from './1795200001000-TenantConfiguration';
import { CredentialHealth1795200002000 } from './1795200002000-CredentialHealth';
import { CrmLeads1795200003000 } from './1795200003000-CrmLeads';
import { BulkOperations1795200005000 } from './1795200005000-BulkOperations';
import { Messaging1795200010000 } from './1795200010000-Messaging';
import { ChatSettings1795200011000 } from './1795200011000-ChatSettings';
import { KnowledgeBase1795200012000 } from './1795200012000-KnowledgeBase';
import { Onboarding1795200013000 } from './1795200013000-Onboarding';
import { LeadsCreatedIndex1795200014000 } from './1795200014000-LeadsCreatedIndex';
import { WhatsAppSendLedger1795200016000 } from './1795200016000-WhatsAppSendLedger';

/** In order of application. Each migration has a reviewed `up` and `down`. */
export const MIGRATIONS = [
  Foundation1795200000000,
  TenantConfiguration1795200001000,
  CredentialHealth1795200002000,
  CrmLeads1795200003000,
  BulkOperations1795200005000,
  Messaging1795200010000,
  ChatSettings1795200011000,
  KnowledgeBase1795200012000,
  Onboarding1795200013000,
  LeadsCreatedIndex1795200014000,
  WhatsAppSendLedger1795200016000,
];
