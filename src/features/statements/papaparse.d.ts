// papaparse ships no types (and @types/papaparse pulls all of @types/node into the
// Worker's types); only unparse is used. It is CommonJS: a default import.
declare module "papaparse" {
  const Papa: {
    unparse(
      rows: readonly (readonly (string | number)[])[],
      options?: { delimiter?: string; newline?: string; quotes?: boolean },
    ): string;
  };
  export default Papa;
}
