import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas, unwrap } from "../../../lib/api/client";

export type DeviceSession = Schemas["Session"];

const sessionsKey = ["sessions"] as const;

/** Every live session (device) of the user, this one first. */
export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: () => unwrap(api.GET("/api/auth/sessions")),
  });
}

/** Logs another device out: its tokens stop working at once. */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE("/api/auth/sessions/{id}", { params: { path: { id } } })),
    // Ended or already gone (404): either way the list is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** Logs out every device but this one. */
export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/auth/sessions")),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}
