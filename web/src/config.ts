/** The API origin, fixed at build time (VITE_API_URL); same origin when empty. */
export const API_URL: string = import.meta.env.VITE_API_URL ?? "";
