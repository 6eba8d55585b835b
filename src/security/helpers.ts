import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { query } from "../../test/worker/db";
import { call, callJson } from "../../test/worker/http";
import { bearer, type TestUser } from "../../test/worker/users";
import { createApp } from "../app";
import type { Problem } from "../lib/problem";

/**
 * Shared helpers of the security tests: one file per item of the OWASP API
 * Security Top 10 (2023), as it applies to this API. Feature tests cover each
 * rule in depth; these check every item across the whole surface, enumerating
 * routes from the OpenAPI document (and from the routes the app serves) so that
 * a newly added route cannot be forgotten.
 */

export const PROBLEM_MEMBERS = [
  "type",
  "title",
  "status",
  "detail",
  "code",
  "instance",
  "request_id",
  "errors",
];
export const problemOf = async (response: Response) => (await response.json()) as Problem;

export type Parameter = {
  name: string;
  in: string;
  schema?: { minimum?: number; maximum?: number };
};
export type Operation = {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, unknown> };
  callbacks?: unknown;
};
export type OpenApiDocument = {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, unknown> };
  webhooks?: Record<string, unknown>;
};
export type DocumentedOperation = { method: string; path: string; operation: Operation };

export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"];

export async function openApi(): Promise<OpenApiDocument> {
  const response = await call("/openapi.json");
  expect(response.status).toBe(200);
  return (await response.json()) as OpenApiDocument;
}

export async function documentedOperations(): Promise<DocumentedOperation[]> {
  const document = await openApi();
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

export const routeKey = (operation: { method: string; path: string }) =>
  `${operation.method} ${operation.path}`;

/** Every route the app serves, documented or hidden, as "METHOD /path/{param}". */
export function servedRoutes(): string[] {
  const routes = createApp()
    .routes.filter((route) => route.method !== "ALL")
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`);
  return [...new Set(routes)];
}

export const splitRoute = (route: string) => {
  const [method = "", path = ""] = route.split(" ");
  return { method, path };
};

/** Fills every `{param}` of a documented path with a fresh UUID. */
export const withRandomIds = (path: string) => path.replace(/\{\w+\}/g, () => crypto.randomUUID());

export const saveCard = (
  user: TestUser,
  body: { card_number: string; card_holder_name: string; alias: string },
) => callJson("/api/saved-cards", "POST", body, bearer(user.accessToken));
export const mask = (number: string) => `${number.slice(0, 4)} **** **** ${number.slice(-4)}`;
export const marker = () => `Q${crypto.randomUUID().slice(0, 6)}`;

/** Everything the given users own, read straight from the database. */
export async function ownedState(users: TestUser[]) {
  const ids = `{${users.map((user) => user.id).join(",")}}`;
  const rows = await query(sql`select json_build_object(
    'users', (select json_agg(json_build_object('id', u.id, 'role', u.role, 'name', u.full_name,
        'phone', u.phone_number, 'hash', u.password_hash, 'receiving', u.receiving_card_id,
        'discoverable', u.discoverable_by_phone) order by u.id)
      from users u where u.id = any(${ids}::uuid[])),
    'cards', (select json_agg(json_build_object('id', c.id, 'owner', c.user_id, 'number', c.card_number,
        'status', c.status, 'balance', c.balance::text, 'expiry', c.expiry_date) order by c.id)
      from cards c where c.user_id = any(${ids}::uuid[])),
    'saved_cards', (select json_agg(json_build_object('id', s.id, 'owner', s.owner_user_id,
        'number', s.card_number, 'alias', s.alias, 'holder', s.card_holder_name) order by s.id)
      from saved_cards s where s.owner_user_id = any(${ids}::uuid[])),
    'avatars', (select json_agg(json_build_object('id', a.id, 'key', a.object_key) order by a.id)
      from avatars a where a.user_id = any(${ids}::uuid[])),
    'subscriptions', (select count(*) from subscriptions s where s.user_id = any(${ids}::uuid[])),
    'payment_requests', (select json_agg(json_build_object('id', r.id, 'status', r.status,
        'amount', r.amount::text, 'card', r.to_card_id, 'expires', r.expires_at) order by r.id)
      from payment_requests r where r.requester_user_id = any(${ids}::uuid[])),
    'payment_request_payments', (select count(*) from payment_request_payments p
      where p.payer_user_id = any(${ids}::uuid[])),
    'transactions', (select count(*) from transactions t
      where t.from_card_id in (select id from cards where user_id = any(${ids}::uuid[]))
         or t.to_card_id in (select id from cards where user_id = any(${ids}::uuid[]))),
    'audit_entries', (select count(*) from audit_log l
      where l.entity_id = any(${ids}::text[])
         or l.entity_id in (select id::text from cards where user_id = any(${ids}::uuid[])))
  ) as state`);
  return rows[0]?.state;
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
export const bytesOf = (text: string) => new TextEncoder().encode(text);
// A real 1×1 PNG and a minimal JPEG (only their magic bytes matter to the server).
export const PNG = fromBase64(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
);
export const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9,
]);

export function imageForm(bytes: Uint8Array, type = "image/png", filename = "me.png") {
  const form = new FormData();
  form.append("image", new Blob([bytes], { type }), filename);
  return form;
}

export function uploadAvatar(user: TestUser, form: FormData, path = "/api/avatar") {
  return call(path, { method: "POST", headers: bearer(user.accessToken), body: form });
}

export const jsonInit = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(body),
});
