import type { Language, ProblemCode } from "../codes";
import { en } from "./en";
import { ru } from "./ru";
import { uz } from "./uz";

/** Every problem's `detail` text, per language. */
export const PROBLEM_DETAILS: Record<Language, Record<ProblemCode, string>> = { uz, ru, en };
