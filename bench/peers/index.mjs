// The implementations compared, in the order the table shows them. `vigie` says which rule set the
// Vigie package runs: the cancer-screening subset (the same logic as the peers) or the full French set.
export const PEERS = [
  { key: 'vigie-subset', name: 'Vigie (wasm package), cancer-screening subset', module: 'vigie.mjs', vigie: 'subset' },
  { key: 'json-rules-engine', name: 'json-rules-engine 7.3.1', module: 'json-rules-engine.mjs' },
  { key: 'zen', name: 'GoRules ZEN (wasm) 0.23.1', module: 'zen.mjs' },
  { key: 'hand-written', name: 'hand-written JavaScript', module: 'hand-written.mjs' },
  { key: 'vigie-full', name: 'Vigie (wasm package), full French rule set (18 rules)', module: 'vigie.mjs', vigie: 'full' },
];
