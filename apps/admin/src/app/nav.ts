import type { Role } from '@parley/shared-types';
import { paths } from './paths';

export interface NavItem {
  to: string;
  label: string;
  icon: string;
}

export interface NavSection {
  title?: string;
  items: NavItem[];
}

/** Navigation per role; features add their pages here as they land. */
export const NAVIGATION: Record<Role, NavSection[]> = {
  platform_admin: [
    { items: [{ to: paths.home, label: 'Overview', icon: 'home' }] },
    {
      title: 'Platform',
      items: [
        { to: paths.tenants, label: 'Tenants', icon: 'tenants' },
        { to: paths.statistics, label: 'Statistics', icon: 'chart' },
        { to: paths.audit, label: 'Audit log', icon: 'audit' },
      ],
    },
    {
      title: 'Maintenance',
      items: [
        { to: paths.unroutedWebhooks, label: 'Unrouted webhooks', icon: 'inbox' },
        { to: paths.deadLetters, label: 'Dead letters', icon: 'inbox' },
        { to: paths.dangerZone, label: 'Danger zone', icon: 'warning' },
      ],
    },
  ],
  tenant_admin: [
    { items: [{ to: paths.home, label: 'Overview', icon: 'home' }] },
    {
      title: 'Set up',
      items: [
        { to: paths.onboarding, label: 'Connect', icon: 'key' },
        { to: paths.whatsapp, label: 'WhatsApp', icon: 'whatsapp' },
        { to: paths.branding, label: 'Branding', icon: 'brush' },
        { to: paths.crm, label: 'CRM', icon: 'crm' },
        { to: paths.assistant, label: 'Assistant', icon: 'bot' },
        { to: paths.knowledge, label: 'Knowledge', icon: 'book' },
      ],
    },
    {
      title: 'Activity',
      items: [
        { to: paths.conversations, label: 'Conversations', icon: 'chat' },
        { to: paths.playground, label: 'Playground', icon: 'play' },
        { to: paths.leads, label: 'Leads', icon: 'leads' },
        { to: paths.tenantAudit, label: 'Audit', icon: 'audit' },
      ],
    },
  ],
};
