/** libheif-js ships no types for its Node entry point; core/media/heif.ts types what it calls. */
declare module "libheif-js/wasm-bundle.js";
