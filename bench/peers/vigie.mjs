// Vigie through its npm package (pkg/): the real API — `evaluate(profile, { asOf })` returns the full
// report (nudges with their words, reasons, sources and facts), from which the comparison keeps
// program, status and dueDate. In Node the Node build, in the browser the web build.
const inNode = typeof process !== 'undefined' && Boolean(process.versions?.node);

/** A Vigie for `ruleset` (a bundle object; the built-in French rule set when absent). */
export async function create({ ruleset } = {}) {
  const { createVigie } = await import(inNode ? '../../pkg/node.js' : '../../pkg/index.js');
  const vigie = await createVigie(ruleset === undefined ? {} : { ruleset });
  return {
    evaluate(profile, asOf) {
      return vigie.evaluate(profile, { asOf }).nudges;
    },
  };
}
