import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Splash } from "../../components/splash";
import { ErrorState } from "../../components/ui/error-state";
import { api, logOut, unwrap } from "../api/client";
import { queryKeys } from "../query-keys";
import { session } from "./session";

/** The signed-in user (GET /api/auth/me); disabled when there is no session. */
export function useUser() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: () => unwrap(api.GET("/api/auth/me")),
    enabled: session.isSignedIn(),
    staleTime: 5 * 60_000,
  });
}

export interface Credentials {
  phone_number: string;
  password: string;
}

export async function logIn(credentials: Credentials) {
  const pair = await unwrap(
    api.POST("/api/auth/login", {
      body: { ...credentials, device_token: session.getDeviceToken() },
    }),
  );
  session.setTokens(pair.access_token, pair.refresh_token);
  session.setDeviceToken(pair.device_token);
  return pair;
}

/** Logs in with a passkey (discoverable: no phone number asked), opening a session like a login. */
export async function logInWithPasskey() {
  const { startAuthentication } = await import("@simplewebauthn/browser");
  const challenge = await unwrap(api.POST("/api/auth/passkey/options", { body: {} }));
  const response = await startAuthentication({ optionsJSON: challenge.options as never });
  const pair = await unwrap(
    api.POST("/api/auth/passkey/login", {
      body: {
        challenge_id: challenge.challenge_id,
        response: response as never,
        device_token: session.getDeviceToken(),
      },
    }),
  );
  session.setTokens(pair.access_token, pair.refresh_token);
  session.setDeviceToken(pair.device_token);
  return pair;
}

export function usePasskeyLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logInWithPasskey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logIn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

/** Registers, then logs in with the same credentials (the API returns the user, not tokens). */
export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: Credentials & { full_name: string }) => {
      await unwrap(api.POST("/api/auth/register", { body: input }));
      return logIn({ phone_number: input.phone_number, password: input.password });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

/**
 * Ends the session on the server, then locally. Queries still running are cancelled
 * first, so none shows an error for the session going away.
 */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await queryClient.cancelQueries();
      await logOut();
    },
  });
}

/** Routes for signed-in users: sends others to /login, remembering where they were going. */
export function ProtectedRoute({ children }: { children: ReactNode }) {
  const location = useLocation();
  const user = useUser();
  if (!session.isSignedIn()) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (user.isPending) return <Splash />;
  if (user.isError) return <ErrorState error={user.error} onRetry={() => user.refetch()} />;
  return children;
}

/** Admin-only routes; everyone else is sent to the dashboard. */
export function AdminRoute({ children }: { children: ReactNode }) {
  const user = useUser();
  if (user.data?.role !== "admin") return <Navigate to="/dashboard" replace />;
  return children;
}
