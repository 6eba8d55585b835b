// A TrueType font imported as a binary module (wrangler's Data rule for *.ttf).
declare module "*.ttf" {
  const data: ArrayBuffer;
  export default data;
}
