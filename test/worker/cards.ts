import { call } from "./http";
import { bearer, type TestUser } from "./users";

export interface TestCard {
  id: string;
  card_number: string;
  balance: string;
  status: string;
  expiry_date: string;
}

export async function openCard(user: TestUser): Promise<TestCard> {
  const response = await call("/api/card", { method: "POST", headers: bearer(user.accessToken) });
  if (response.status !== 201)
    throw new Error(`open card: ${response.status} ${await response.text()}`);
  return (await response.json()) as TestCard;
}

export async function openActiveCard(user: TestUser): Promise<TestCard> {
  const card = await openCard(user);
  const response = await call(`/api/card/${card.id}/unfreeze`, {
    method: "PATCH",
    headers: bearer(user.accessToken),
  });
  if (response.status !== 200)
    throw new Error(`unfreeze: ${response.status} ${await response.text()}`);
  return (await response.json()) as TestCard;
}
