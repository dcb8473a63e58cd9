import { DataSource } from 'typeorm';
import type { CrmConnectionCheck, CrmLead, CrmProvider, NewCrmLead } from '../crm-provider.port';
import { LeadEntity } from '../entities/lead.entity';
import { LeadsRepository } from '../leads.repository';

/** Parley's built-in lead list: the `leads` table is the CRM, for tenants without Zoho or HubSpot. */
export class LocalCrmProvider implements CrmProvider {
  readonly kind = 'local' as const;

  constructor(
    private readonly dataSource: DataSource,
    private readonly leads: LeadsRepository,
    private readonly tenantId: string,
  ) {}

  async findLeadByPhone(phone: string): Promise<CrmLead | null> {
    const row = await this.leads.findByPhone(this.tenantId, phone);
    return row ? toCrmLead(row) : null;
  }

  /** One lead per phone: creating it twice gives back the first. */
  async createLead(lead: NewCrmLead): Promise<{ id: string }> {
    const { lead: row } = await this.leads.insertIfAbsent(this.dataSource.manager, {
      tenantId: this.tenantId,
      firstName: lead.firstName,
      lastName: lead.lastName,
      email: lead.email,
      phone: lead.phone,
      source: lead.source,
      crmKind: 'local',
    });
    return { id: row.id };
  }

  testConnection(): Promise<CrmConnectionCheck> {
    return Promise.resolve({ verdict: 'ok', message: "Leads are kept in Parley's own lead list." });
  }
}

function toCrmLead(row: LeadEntity): CrmLead {
  return { id: row.id, firstName: row.firstName, lastName: row.lastName, email: row.email, phone: row.phone };
}
