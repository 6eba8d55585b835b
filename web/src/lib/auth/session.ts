/**
 * The session's tokens, outside React so the API client can read them.
 *
 * Storage trade-off: the access token (15 min) lives in memory only, so an XSS
 * payload cannot lift a long-lived credential from storage and a closed tab
 * forgets it. The refresh token (7 days) is in localStorage so a reload or a new
 * tab keeps the user signed in; that makes it readable by injected script, which
 * we accept because the API rotates it on every use with reuse detection (a
 * stolen, replayed token revokes the whole session) and logout/password change
 * revoke it server-side. An httpOnly cookie would be stronger but needs the API
 * and the web app on one site; the API is token-based.
 */
const REFRESH_KEY = "chontak.refresh_token";
// The login's device token stays after logout: it only tells the API this browser
// logged in to that account before, so others guessing the password cannot lock it out.
const DEVICE_KEY = "chontak.device_token";

/** Why a session ended; a password change ends every session of the account. */
export type SessionEndReason = "logout" | "expired" | "password-changed";
type Listener = (reason: SessionEndReason) => void;

let accessToken: string | null = null;
const endListeners = new Set<Listener>();

function readRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

export const session = {
  getAccessToken: () => accessToken,
  getRefreshToken: readRefreshToken,
  isSignedIn: () => readRefreshToken() !== null,

  getDeviceToken(): string | undefined {
    try {
      return localStorage.getItem(DEVICE_KEY) ?? undefined;
    } catch {
      return undefined;
    }
  },

  setDeviceToken(token: string) {
    try {
      localStorage.setItem(DEVICE_KEY, token);
    } catch {
      // storage unavailable: the next login counts against the phone's shared budget
    }
  },

  setTokens(access: string, refresh: string) {
    accessToken = access;
    try {
      localStorage.setItem(REFRESH_KEY, refresh);
    } catch {
      // storage unavailable (private mode): the session lasts as long as the tab
    }
  },

  /** Forgets both tokens and tells the app (which clears its cache and goes to /login). */
  end(reason: SessionEndReason) {
    const wasSignedIn = accessToken !== null || readRefreshToken() !== null;
    accessToken = null;
    try {
      localStorage.removeItem(REFRESH_KEY);
    } catch {
      // nothing stored
    }
    if (wasSignedIn) for (const listener of endListeners) listener(reason);
  },

  onEnd(listener: Listener): () => void {
    endListeners.add(listener);
    return () => endListeners.delete(listener);
  },
};

// Another tab logged out (or its refresh failed): end this tab's session too.
if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === REFRESH_KEY && event.newValue === null && accessToken !== null) {
      accessToken = null;
      for (const listener of endListeners) listener("logout");
    }
  });
}
