import { TenantRoutes } from '@parley/shared-types';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** The API's answer; the field's name is read leniently until shared-types names it. */
type AuthorizeUrlAnswer = { url?: string; authorize_url?: string; authorization_url?: string };

/** Zoho's consent page for this tenant (its data centre, a signed single-use state). */
export async function getZohoAuthorizeUrl(): Promise<string> {
  const answer = await apiRequest<AuthorizeUrlAnswer>(TenantRoutes.zohoAuthorizeUrl);
  const url = answer.url ?? answer.authorize_url ?? answer.authorization_url;
  if (!url || !/^https?:\/\//.test(url))
    throw new Error('The server did not give an address to sign in to Zoho.');
  return url;
}

/** Fetched on click, never cached: the state inside the address is single-use and short-lived. */
export const useZohoAuthorizeUrl = () => useMutation({ mutationFn: getZohoAuthorizeUrl });
