/**
 * Every column that holds SecretBox ciphertext, by table and primary key. Key rotation and
 * backups rely on this list: a module that adds a secret column adds it here.
 */
export const SECRET_COLUMNS: { table: string; key: string; columns: string[] }[] = [
  {
    table: 'crm_connections',
    key: 'tenant_id',
    columns: ['zoho_client_secret_enc', 'zoho_refresh_token_enc', 'hubspot_api_key_enc'],
  },
  {
    table: 'tenant_configs',
    key: 'id',
    columns: ['access_token_enc', 'fb_app_secret_enc', 'webhook_verify_token_enc'],
  },
  { table: 'tenants', key: 'id', columns: ['llm_gemini_api_key_enc'] },
  {
    table: 'onboarding_attempts',
    key: 'id',
    columns: ['access_token_enc', 'pin_enc'],
  },
];
