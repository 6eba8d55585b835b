// papaparse ships no types (and @types/papaparse pulls all of @types/node into the
// Worker's types); only unparse is used.
declare module "papaparse" {
  export function unparse(
    rows: readonly (readonly (string | number)[])[],
    options?: { delimiter?: string; newline?: string; quotes?: boolean },
  ): string;
}
