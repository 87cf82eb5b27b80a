// The implementations compared, in the order the table shows them. `vigie` says which rule set the
// Vigie package runs: the cancer-screening subset (the same logic as the peers) or the full French
// set. `nodeOnly`: cannot load in a page (a Node addon), so it has no Chromium figures.
export const PEERS = [
  { key: 'vigie-subset', name: 'Vigie (wasm package), cancer-screening subset', module: 'vigie.mjs', vigie: 'subset' },
  { key: 'json-rules-engine', name: 'json-rules-engine', module: 'json-rules-engine.mjs' },
  { key: 'zen', name: 'GoRules ZEN expressions (wasm) + graph walker', module: 'zen.mjs' },
  { key: 'zen-native', name: 'GoRules ZEN engine (Node addon)', module: 'zen-native.mjs', nodeOnly: true },
  { key: 'hand-written', name: 'hand-written JavaScript', module: 'hand-written.mjs' },
  { key: 'vigie-full', name: 'Vigie (wasm package), full French rule set (18 rules)', module: 'vigie.mjs', vigie: 'full' },
];
