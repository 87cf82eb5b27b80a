// The answers every implementation must agree on before any timing is printed: for each profile,
// the nudges (program, status, dueDate) sorted by program. The same in Node and in the browser.

/** One implementation's output for one profile, normalised. */
export function normalise(nudges) {
  return nudges
    .map(({ program, status, dueDate }) => ({ program, status, dueDate: dueDate ?? null }))
    .sort((a, b) => (a.program < b.program ? -1 : a.program > b.program ? 1 : 0));
}

/** Runs `impl` over `profiles` and returns its normalised answers (awaiting async engines). */
export async function answersOf(impl, profiles, asOf) {
  const answers = [];
  for (const profile of profiles) answers.push(normalise(await impl.evaluate(profile, asOf)));
  return answers;
}

/** The profiles where `got` differs from `expected`: [{ index, expected, got }]. */
export function disagreements(expected, got) {
  expected = expected.map((nudges) => normalise(nudges ?? []));
  const out = [];
  const n = Math.max(expected.length, got.length);
  for (let i = 0; i < n; i++) {
    if (JSON.stringify(expected[i] ?? null) !== JSON.stringify(got[i] ?? null)) {
      out.push({ index: i, expected: expected[i], got: got[i] });
    }
  }
  return out;
}
