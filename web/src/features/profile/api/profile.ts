import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../lib/api/client";
import { session } from "../../../lib/auth/session";
import { queryKeys } from "../../../lib/query-keys";

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { full_name: string }) => unwrap(api.PATCH("/api/auth/me", { body })),
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.me, user);
      // Cards carry the owner's name.
      void queryClient.invalidateQueries({ queryKey: queryKeys.cards });
    },
  });
}

/** Whether others find the user by phone number to pay them (PATCH /api/auth/me). */
export function useSetDiscoverable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (discoverable: boolean) =>
      unwrap(api.PATCH("/api/auth/me", { body: { discoverable_by_phone: discoverable } })),
    onSuccess: (user) => queryClient.setQueryData(queryKeys.me, user),
  });
}

/** Changing the password revokes every session, this one included: log in again after. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { old_password: string; new_password: string; confirm_password: string }) =>
      unwrap(api.PATCH("/api/auth/change-password", { body })),
    onSuccess: () => session.end("password-changed"),
  });
}

/** Uploads an avatar (multipart field `image`; the server checks type and size). */
export function useUploadAvatar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.POST("/api/avatar", {
          // The schema types the binary part as a string; the serializer sends the File.
          body: { image: file as unknown as string },
          bodySerializer: () => {
            const form = new FormData();
            form.append("image", file);
            return form;
          },
        }),
      ),
    onSuccess: (user) => queryClient.setQueryData(queryKeys.me, user),
  });
}

export function useDeleteAvatar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/avatar")),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}
