import { QueryClient } from "@tanstack/react-query";
import { ApiProblem } from "./api/problem";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: true,
      // Retry only what may succeed unchanged (network, 5xx); a 4xx is an answer.
      retry: (failures, error) =>
        failures < 2 && (!(error instanceof ApiProblem) || error.transient),
    },
    mutations: { retry: false },
  },
});
