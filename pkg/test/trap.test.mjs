// A trap in the module (a panic, `unreachable`, memory exhausted) used to poison the whole module:
// every later call, of any rule set and of any new Vigie, failed ("already borrowed").
//
// The trap here is real, not simulated: the test grows the instance's memory to the wasm32 maximum
// (4 GiB of address space, nothing touched), then asks for an evaluation whose input cannot fit.
// The module's allocator fails and Rust aborts with `unreachable`, exactly as an evaluation that
// exhausts memory does. Nothing in the package or the module has a switch for it: the test reaches
// the instance's memory through the glue (`__vigie_exports`, as any code that imports
// `dist/vigie.js` can), and the package sees an ordinary call that traps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createVigie, VigieError } from '../node.js';
import { bundle, root } from './helpers.mjs';
import { join } from 'node:path';

const glue = await import('../dist/vigie.js');

const profile = {
  birthDate: '1971-03-02',
  sex: 'female',
  familyHistory: [{ relation: 'mother', condition: 'breast-cancer', ageAtDiagnosis: 44 }],
  screenings: [{ test: 'mammography', date: '2024-11-12', result: 'normal' }],
};
const on = { asOf: '2026-01-15' };

/** Grows the current instance's memory until it cannot grow; returns its size before. */
function exhaustMemory() {
  const memory = glue.__vigie_exports().memory;
  const before = memory.buffer.byteLength;
  for (let pages = 65536; pages >= 1; pages = Math.floor(pages / 2)) {
    try {
      for (;;) memory.grow(pages);
    } catch {
      // this many pages no longer fit; try fewer
    }
  }
  assert.ok(memory.buffer.byteLength > before, 'the memory could not be grown');
  return before;
}

/** Makes `vigie`'s next evaluation trap; returns the error it threw. */
function trap(vigie) {
  const before = exhaustMemory();
  // More bytes than the whole heap held: the allocator must grow memory, and cannot.
  const input = `${' '.repeat(before)}{}`;
  try {
    vigie.evaluateJson(input, on);
  } catch (err) {
    return err;
  }
  assert.fail('the evaluation did not trap');
}

const bundled = readFileSync(bundle(join(root, 'rules', 'fr', '2024.1.0')), 'utf8');

test('trap_poisons_the_whole_module: after a trap the same bundle, the built-in rule set and a new Vigie work', async () => {
  const builtIn = await createVigie();
  const fromBundle = await createVigie({ ruleset: bundled });
  const expected = {
    builtIn: builtIn.evaluateJson(JSON.stringify(profile), on),
    bundle: fromBundle.evaluateJson(JSON.stringify(profile), on),
  };
  assert.notEqual(expected.builtIn, expected.bundle);
  const instance = glue.__vigie_exports();

  const err = trap(fromBundle);
  assert.ok(err instanceof VigieError, `a ${err?.constructor?.name}: ${err?.message}`);
  assert.equal(err.code, 'engine-trapped');
  assert.match(err.message, /internal error while evaluating a profile \(RuntimeError: unreachable\)/);
  assert.ok(err.cause instanceof WebAssembly.RuntimeError);
  assert.notEqual(glue.__vigie_exports(), instance, 'the instance was not replaced');
  assert.ok(glue.__vigie_exports().memory.buffer.byteLength < 64 << 20, 'the fresh instance has a fresh memory');

  // Byte-identical answers from every rule set, old and new Vigie alike.
  assert.equal(fromBundle.evaluateJson(JSON.stringify(profile), on), expected.bundle);
  assert.equal(builtIn.evaluateJson(JSON.stringify(profile), on), expected.builtIn);
  assert.equal((await createVigie()).evaluateJson(JSON.stringify(profile), on), expected.builtIn);
  assert.equal((await createVigie({ ruleset: bundled })).evaluateJson(JSON.stringify(profile), on), expected.bundle);
  assert.deepEqual(builtIn.validate({ sex: 'femme' }, on).map((p) => p.path), ['birthDate', 'sex']);
  assert.equal(fromBundle.ruleset().version, '2024.1.0');

  // Bad input is still bad input, not a trap; and a second trap recovers as the first.
  assert.throws(() => builtIn.evaluate({ sex: 'femme' }, on), { code: 'invalid-profile' });
  assert.equal(trap(builtIn).code, 'engine-trapped');
  assert.equal(fromBundle.evaluateJson(JSON.stringify(profile), on), expected.bundle);
  assert.equal(builtIn.evaluateJson(JSON.stringify(profile), on), expected.builtIn);
  builtIn.free();
  fromBundle.free();
});

test('trap_poisons_the_whole_module: engines dropped without free() are never freed in the fresh instance', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const keep = await createVigie();
  const expected = keep.evaluateJson(JSON.stringify(profile), on);
  // Vigies the caller dropped: the glue would free their old pointers in the new instance.
  for (let i = 0; i < 20; i++) (await createVigie({ ruleset: bundled })).evaluate(profile, on);
  assert.equal(trap(keep).code, 'engine-trapped');
  for (let i = 0; i < 5; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const others = [];
  for (let i = 0; i < 20; i++) others.push(await createVigie({ ruleset: bundled }));
  for (let i = 0; i < 200; i++) assert.equal(keep.evaluateJson(JSON.stringify(profile), on), expected);
  for (const other of others) assert.equal(other.ruleset().version, '2024.1.0');
  for (const other of others) other.free();
  keep.free();
});

test('trap_poisons_the_whole_module: a trap while loading a rule set fails that load only', async () => {
  const vigie = await createVigie();
  const expected = vigie.evaluateJson(JSON.stringify(profile), on);
  const before = exhaustMemory();
  // A bundle (with leading white space) larger than the whole heap: the load traps, and is the
  // only call that fails.
  await assert.rejects(createVigie({ ruleset: `${' '.repeat(before)}${bundled}` }), (err) => {
    assert.ok(err instanceof VigieError);
    assert.equal(err.code, 'engine-trapped');
    assert.match(err.message, /while loading a rule set/);
    return true;
  });
  assert.equal((await createVigie({ ruleset: bundled })).ruleset().version, '2024.1.0');
  assert.equal(vigie.evaluateJson(JSON.stringify(profile), on), expected);
  vigie.free();
});

// The trap the issue saw ("already borrowed"), met by any caller with a deep stack: when the stack
// fills up in the middle of an evaluation, wasm code stops there, with a rule's cache still
// borrowed; before, every later evaluation then panicked (`RefCell already borrowed`) and the
// module was lost. Calls are made at every depth around the limit: a call may fail (a full stack is
// the caller's), but never a later one, and no answer is ever wrong.
test('trap_poisons_the_whole_module: a stack that fills up in the middle of an evaluation', async () => {
  const vigie = await createVigie();
  const text = JSON.stringify(profile);
  const expected = vigie.evaluateJson(text);
  const deep = (n) => {
    if (n > 0) {
      const report = deep(n - 1);
      return report;
    }
    return vigie.evaluateJson(text);
  };
  for (let i = 0; i < 300; i++) deep(200); // optimised frames, so that the limit stays put
  let limit = 1000;
  for (;; limit += 100) {
    try {
      deep(limit);
    } catch {
      break;
    }
  }
  const failures = {};
  for (let n = limit + 300; n > limit - 300; n--) {
    try {
      assert.equal(deep(n), expected, `at depth ${n}`);
    } catch (err) {
      if (err instanceof assert.AssertionError) throw err;
      const kind = err.code ?? err.constructor.name;
      failures[kind] = (failures[kind] ?? 0) + 1;
      assert.ok(err instanceof RangeError || err.code === 'engine-trapped', `${err.constructor.name}: ${err.message}`);
    }
    assert.equal(vigie.evaluateJson(text), expected, `after a call at depth ${n} (${JSON.stringify(failures)})`);
  }
  assert.ok(Object.keys(failures).length > 0, 'the stack never filled up');
  vigie.free();
});

test('free_misuse_throws_a_plain_error: a double free and a use after free are VigieErrors (engine-freed)', async () => {
  const vigie = await createVigie();
  vigie.free();
  for (const use of [
    () => vigie.free(),
    () => vigie.evaluate(profile, on),
    () => vigie.evaluateJson(JSON.stringify(profile), on),
    () => vigie.validate(profile, on),
    () => vigie.evaluate(profile, 'not options'),
  ]) {
    assert.throws(use, (err) => {
      assert.ok(err instanceof VigieError, `a ${err?.constructor?.name}: ${err?.message}`);
      assert.equal(err.code, 'engine-freed');
      return true;
    });
  }
  assert.equal(vigie.ruleset().id, 'fr');
  // Other Vigies are not affected.
  assert.ok((await createVigie()).evaluate(profile, on).nudges.length > 0);
});
