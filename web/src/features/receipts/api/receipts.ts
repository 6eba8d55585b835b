import { useQuery } from "@tanstack/react-query";
import { api, type Schemas, unwrap } from "../../../lib/api/client";
import { saveDataUrl } from "../../../lib/receipt";

export type ReceiptVerdict = Schemas["ReceiptVerdict"];

/** The signed receipt of a successful transaction (its token opens the public check). */
export function useSignedReceipt(transactionId: string) {
  return useQuery({
    queryKey: ["receipts", transactionId],
    // The JSON form (the route also serves the PDF under the same operation).
    queryFn: async () =>
      (await unwrap(
        api.GET("/api/transactions/{id}/receipt", {
          params: { path: { id: transactionId }, query: { format: "json" } },
        }),
      )) as Schemas["Receipt"],
    // The facts never change; a new signature each time would only be the same.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export async function downloadReceiptPdf(transactionId: string): Promise<void> {
  const { data, error } = await api.GET("/api/transactions/{id}/receipt", {
    params: { path: { id: transactionId }, query: { format: "pdf" } },
    parseAs: "blob",
  });
  if (error || !data) throw error ?? new Error("no PDF");
  const url = URL.createObjectURL(data as Blob);
  try {
    saveDataUrl(url, `chontak-receipt-${transactionId}.pdf`);
  } finally {
    // After the click has started the download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** The bank's verdict on a receipt token (public: no login). */
export function useReceiptVerdict(token: string) {
  return useQuery({
    queryKey: ["receipts", "verdict", token],
    queryFn: () => unwrap(api.GET("/api/receipts/verify", { params: { query: { r: token } } })),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
