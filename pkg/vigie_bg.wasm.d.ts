// `import wasm from 'vigie/vigie_bg.wasm'`: what a bundler's file loader gives for the module (its
// URL, e.g. esbuild's `--loader:.wasm=file`), to pass as `createVigie({ wasm })`.
declare const url: string;
export default url;
