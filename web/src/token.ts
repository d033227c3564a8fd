// The API token: handed over in the URL fragment (`#token=...`, never sent to any server), kept in
// sessionStorage for this tab only, and removed from the address bar at once so it does not stay
// in history or get copied along with the URL.
const KEY = 'cleanpath.token';

/** Moves a `#token=` from the address bar into sessionStorage; returns the stored token. */
export function adoptTokenFromUrl(): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash);
  const fromUrl = params.get('token');
  if (fromUrl !== null) {
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? `#${rest}` : ''));
    if (fromUrl.trim()) sessionStorage.setItem(KEY, fromUrl.trim());
  }
  return storedToken();
}

export function storedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token.trim());
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
