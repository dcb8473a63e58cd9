/** The part of Meta's JavaScript SDK that Embedded Signup uses. */
export interface FacebookSdk {
  init(options: { appId: string; version: string; autoLogAppEvents?: boolean; xfbml?: boolean }): void;
  login(callback: (response: FacebookLoginResponse) => void, options: FacebookLoginOptions): void;
}

export interface FacebookLoginResponse {
  authResponse?: { code?: string | null } | null;
  status?: string;
}

export interface FacebookLoginOptions {
  config_id: string;
  response_type: 'code';
  override_default_response_type: true;
  extras: Record<string, unknown>;
}

declare global {
  interface Window {
    FB?: FacebookSdk;
    fbAsyncInit?: () => void;
  }
}

const loading = new Map<string, Promise<FacebookSdk>>();

/** Loads the SDK once per address; resolves when `window.FB` exists (the SDK calls fbAsyncInit). */
export function loadFacebookSdk(url: string, timeoutMs = 20_000): Promise<FacebookSdk> {
  const existing = loading.get(url);
  if (existing) return existing;
  const promise = new Promise<FacebookSdk>((resolve, reject) => {
    if (window.FB) return resolve(window.FB);
    const done = () => {
      clearTimeout(timer);
      if (window.FB) resolve(window.FB);
    };
    const timer = setTimeout(() => reject(new Error('The Facebook SDK did not load in time.')), timeoutMs);
    window.fbAsyncInit = done;
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.defer = true;
    script.crossOrigin = 'anonymous';
    script.onload = done;
    script.onerror = () => {
      clearTimeout(timer);
      loading.delete(url);
      reject(new Error('The Facebook SDK could not be loaded. Check that nothing blocks facebook.net.'));
    };
    document.body.appendChild(script);
  });
  loading.set(url, promise);
  promise.catch(() => loading.delete(url));
  return promise;
}

/** FB.login options of Embedded Signup with a system-user code (PROTOCOLS.md 5.1, 5.2). */
export function embeddedSignupOptions(configId: string): FacebookLoginOptions {
  return {
    config_id: configId,
    response_type: 'code',
    override_default_response_type: true,
    // `version: 'v4'` selects the current Embedded Signup flow, as Meta's dashboard-generated launcher does.
    extras: { setup: {}, featureType: '', sessionInfoVersion: '3', version: 'v4' },
  };
}
