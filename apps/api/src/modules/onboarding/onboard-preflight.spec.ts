import { preflight } from './onboard-preflight';

const ready = {
  appId: '1234',
  appSecret: 'secret',
  configId: '5678',
  publicUrl: 'https://parley.example.com',
  verifyToken: 'verify',
};
const problems = (settings: Partial<typeof ready>) =>
  Object.fromEntries(
    preflight({ ...ready, ...settings })
      .filter((i) => !i.ok)
      .map((i) => [i.key, i.message]),
  );

describe('Embedded Signup preflight', () => {
  it('passes when everything is set', () => {
    expect(preflight(ready).every((item) => item.ok && item.message === null)).toBe(true);
  });

  it('names each missing setting', () => {
    expect(
      Object.keys(problems({ appId: undefined, appSecret: '', configId: undefined, verifyToken: undefined })),
    ).toEqual(['app_id', 'app_secret', 'config_id', 'verify_token']);
  });

  it.each([
    [undefined, 'Set PUBLIC_URL'],
    ['http://parley.example.com', 'must use https'],
    ['https://localhost:3000', 'which Meta cannot reach'],
    ['https://127.0.0.1', 'which Meta cannot reach'],
    ['https://192.168.1.20', 'which Meta cannot reach'],
    ['https://parley.example.com/?x=1', 'without ?query'],
  ])('explains what is wrong with PUBLIC_URL %s', (publicUrl, expected) => {
    expect(problems({ publicUrl }).public_url).toContain(expected);
  });
});
