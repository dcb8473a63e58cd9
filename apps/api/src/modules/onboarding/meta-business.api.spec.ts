import { TokenInfo, tokenProblem } from './meta-business.api';

const info = (overrides: Partial<TokenInfo> = {}): TokenInfo => ({
  isValid: true,
  appId: 'app',
  scopes: ['whatsapp_business_management', 'whatsapp_business_messaging', 'business_management'],
  targets: new Map<string, string[] | null>([
    ['whatsapp_business_management', ['waba-1']],
    ['whatsapp_business_messaging', ['waba-1']],
  ]),
  expiresAt: null,
  error: null,
  ...overrides,
});

describe('tokenProblem', () => {
  it('accepts a valid token of our app with both scopes on the WABA', () => {
    expect(tokenProblem(info(), 'app', 'waba-1')).toBeNull();
  });

  it('accepts a scope granted without target ids (all of the business’s assets)', () => {
    const targets = new Map<string, string[] | null>([['whatsapp_business_management', null]]);
    expect(tokenProblem(info({ targets }), 'app', 'waba-9')).toBeNull();
  });

  it.each([
    [{ isValid: false, error: 'Session has expired.' }, 'waba-1', 'not valid: Session has expired.'],
    [{ appId: 'other' }, 'waba-1', 'belongs to another Meta app (other)'],
    [
      { scopes: ['whatsapp_business_messaging'] },
      'waba-1',
      'lacks the permission whatsapp_business_management',
    ],
    [{}, 'waba-2', 'not granted access to WhatsApp Business Account waba-2 (it covers waba-1)'],
  ])('names the problem: %o for %s', (overrides, waba, expected) => {
    expect(tokenProblem(info(overrides), 'app', waba)).toContain(expected);
  });
});
