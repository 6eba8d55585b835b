import { z } from "@hono/zod-openapi";
import { PROBLEM_CONTENT_TYPE } from "./problem";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem", {
    example: {
      type: "urn:chontak:problem:insufficient-funds",
      title: "Insufficient funds",
      status: 400,
      detail: "Kartada mablag' yetarli emas",
      code: "INSUFFICIENT_FUNDS",
      instance: "/api/transactions",
    },
  });

/** An OpenAPI response entry for problem+json errors. */
export const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});

export const jsonContent = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
