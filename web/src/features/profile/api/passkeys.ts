import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas, unwrap } from "../../../lib/api/client";
import { queryKeys } from "../../../lib/query-keys";

export type Passkey = Schemas["Passkey"];

const passkeysKey = ["passkeys"] as const;

export function usePasskeys() {
  return useQuery({
    queryKey: passkeysKey,
    queryFn: () => unwrap(api.GET("/api/passkeys")),
  });
}

/** Creates a passkey on this device (the browser asks) and stores it under the given name. */
export function useAddPasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => {
      const { startRegistration } = await import("@simplewebauthn/browser");
      const options = await unwrap(api.POST("/api/passkeys/registration-options"));
      const response = await startRegistration({ optionsJSON: options as never });
      return unwrap(api.POST("/api/passkeys", { body: { name, response: response as never } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: passkeysKey }),
  });
}

export function useRenamePasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      unwrap(api.PATCH("/api/passkeys/{id}", { params: { path: { id } }, body: { name } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: passkeysKey }),
  });
}

export function useDeletePasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE("/api/passkeys/{id}", { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: passkeysKey }),
  });
}

/** Above this many so'm a payment asks for a fresh confirmation (PATCH /api/auth/me). */
export function useSetStepUpThreshold() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (amount: string) =>
      unwrap(api.PATCH("/api/auth/me", { body: { step_up_threshold: amount } })),
    onSuccess: (user) => queryClient.setQueryData(queryKeys.me, user),
  });
}
