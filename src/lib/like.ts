/** A contains-pattern for (I)LIKE with `%`, `_` and `\` taken literally (backslash is Postgres's default escape). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}
