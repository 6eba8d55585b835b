import { describe, expect, it } from "vitest";
import { callJson } from "../../../test/worker/http";
import { bearer, me, newUser, register } from "../../../test/worker/users";
import type { Problem } from "../../lib/problem";
import { imitatesPlatformName } from "./platform-name";

describe("imitatesPlatformName", () => {
  it.each([
    "Cho'ntak",
    "Chontak",
    "Choʻntak", // U+02BB, the Uzbek o'
    "Choʼntak",
    "Cho`ntak",
    "Cho‘ntak",
    "Cho’ntak",
    "CHONTAK",
    "chontak",
    "Chontak P",
    "Chontak Platforma",
    "Ali Chontak",
    "C h o n t a k",
    "Cho.n.tak",
    "Cho-n-tak",
    "Chon_tak",
    "Cho\u200bntak", // zero-width space
    "Chöntak",
    "Chóntak",
    "Ch'ntak",
    "Ch0ntak",
    "Chont4k",
    "Ｃｈｏｎｔａｋ", // full width
    "𝐂𝐡𝐨𝐧𝐭𝐚𝐤", // mathematical bold
    "ᴄʜᴏɴᴛᴀᴋ", // small capitals
    "Chоntak", // Cyrillic о
    "Сhontak", // Cyrillic С
    "Chontаk", // Cyrillic а
    "Chontaк", // Cyrillic к
    "Chonтak", // Cyrillic т
    "CНОNТАК", // Cyrillic Н, О, Т, А, К
    "Cһontak", // Cyrillic һ
    "Choηtak", // Greek η
    "Chοntακ", // Greek ο, α, κ
    "Чўнтак",
    "ЧЎНТАК",
    "Чонтак",
    "Чунтак",
    "Чўн-так",
    "Али Чўнтак",
  ])("refuses %j", (name) => {
    expect(imitatesPlatformName(name)).toBe(true);
  });

  it.each([
    "Alisher Valiyev",
    "Bobur Karimov",
    "Sevara Nazarova",
    "Chori Ntakov", // the letters meet only across a word break: "chorintakov"
    "Chotqol",
    "Chustiy",
    "Shontak",
    "Chanta Kamol",
    "Акмаль Чориев",
    "Тахир Ким",
    "O'tkir Hoshimov",
    "Oʻlmas Choʻliyev",
  ])("accepts %j", (name) => {
    expect(imitatesPlatformName(name)).toBe(false);
  });
});

describe("the platform's name is no user name", () => {
  it("refuses it at registration with 422 naming full_name", async () => {
    const response = await register({ full_name: "Cho'ntak P" });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.code).toBe("VALIDATION_ERROR");
    expect(problem.errors).toEqual([
      { path: "full_name", message: expect.stringContaining("Cho'ntak") },
    ]);
  });

  it("refuses it in PATCH /api/auth/me and keeps the old name", async () => {
    const user = await newUser("Alisher Valiyev");
    const response = await callJson(
      "/api/auth/me",
      "PATCH",
      { full_name: "Chоntak Рlatform" },
      bearer(user.accessToken),
    );
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.errors?.map((error) => error.path)).toEqual(["full_name"]);
    const current = (await (await me(user.accessToken)).json()) as { full_name: string };
    expect(current.full_name).toBe("Alisher Valiyev");
  });
});
