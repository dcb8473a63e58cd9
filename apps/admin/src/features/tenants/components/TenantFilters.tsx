import { CREDENTIAL_STATUSES, CRM_KINDS, LLM_PROVIDERS } from '@parley/shared-types';
import { useEffect, useState } from 'react';
import { Button } from '../../../components/Button';
import { SelectField } from '../../../components/SelectField';
import { useDebouncedValue } from '../../../hooks/useDebouncedValue';
import { CRM_LABELS, HEALTH_TEXT, LLM_LABELS } from '../lib/labels';
import type { TenantListParams } from '../lib/list-params';

type FilterChange = Partial<
  Pick<TenantListParams, 'search' | 'status' | 'crm' | 'llm' | 'onboarded' | 'health'>
>;

const ANY = { value: '', label: 'Any' };

/**
 * Search and filters of the tenant list. The search box waits for a pause in typing before it
 * asks the server; the selects apply at once.
 */
export function TenantFilters({
  params,
  onChange,
  onClear,
}: {
  params: TenantListParams;
  onChange: (change: FilterChange) => void;
  onClear: () => void;
}) {
  const [search, setSearch] = useState(params.search);
  const debounced = useDebouncedValue(search.trim(), 300);
  const [lastApplied, setLastApplied] = useState(params.search);

  // Back/Forward or "Clear filters" change the address: the box follows it.
  if (params.search !== lastApplied) {
    setLastApplied(params.search);
    setSearch(params.search);
  }

  // Only a settled box applies: right after "Clear filters" the debounced value is still the old text.
  const settled = debounced === search.trim();
  useEffect(() => {
    if (settled && debounced !== params.search) onChange({ search: debounced });
  }, [settled, debounced, params.search, onChange]);

  return (
    <div className="filters" role="search" aria-label="Filter tenants">
      <div className="field filter-search">
        <label htmlFor="tenant-search">Search</label>
        <input
          id="tenant-search"
          type="search"
          placeholder="Name or id"
          value={search}
          maxLength={100}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      <SelectField
        label="Status"
        value={params.status ?? ''}
        onChange={(e) => onChange({ status: (e.target.value || undefined) as TenantListParams['status'] })}
        options={[ANY, { value: 'active', label: 'Active' }, { value: 'suspended', label: 'Suspended' }]}
      />
      <SelectField
        label="CRM"
        value={params.crm ?? ''}
        onChange={(e) => onChange({ crm: (e.target.value || undefined) as TenantListParams['crm'] })}
        options={[ANY, ...CRM_KINDS.map((k) => ({ value: k, label: CRM_LABELS[k] }))]}
      />
      <SelectField
        label="LLM"
        value={params.llm ?? ''}
        onChange={(e) => onChange({ llm: (e.target.value || undefined) as TenantListParams['llm'] })}
        options={[ANY, ...LLM_PROVIDERS.map((k) => ({ value: k, label: LLM_LABELS[k] }))]}
      />
      <SelectField
        label="Onboarding"
        value={params.onboarded === undefined ? '' : String(params.onboarded)}
        onChange={(e) =>
          onChange({ onboarded: e.target.value === '' ? undefined : e.target.value === 'true' })
        }
        options={[ANY, { value: 'true', label: 'Onboarded' }, { value: 'false', label: 'Not onboarded' }]}
      />
      <SelectField
        id="tenant-health-filter"
        label="Health"
        value={params.health ?? ''}
        onChange={(e) => onChange({ health: (e.target.value || undefined) as TenantListParams['health'] })}
        options={[ANY, ...CREDENTIAL_STATUSES.map((k) => ({ value: k, label: HEALTH_TEXT[k].label }))]}
      />
      <div className="filter-clear">
        <Button variant="ghost" size="sm" onClick={onClear}>
          Clear filters
        </Button>
      </div>
    </div>
  );
}
