// Empties the function-table slots of wasm-bindgen closure shims (and of js-sys's JSPI
// wakers, below) that nothing can call, so that wasm-opt then removes their code (-3.7 KB
// raw, -0.8 KB gzip on the component).
//
// Why they are there: js-sys declares imports that take Rust closures (`Array.forEach`,
// `every`, `find`, `map` and the like on arrays and every typed array, `Set`/`Map.forEach`,
// `Promise::new`, `JsString::replace_with_function`, ...). For each import wasm-bindgen
// emits an exported describe function, and for a closure argument it records the address
// of the closure's invoke shim (`inform(invoke::<..> as usize)`), which puts the shim in
// the function table. The linker keeps every describe function, used or not. The
// wasm-bindgen CLI runs them, deletes them, and exports the shims of the closures the
// program really passes to JS (the glue calls those by export name); the others stay in
// the table, and wasm-opt must keep everything the table holds.
//
// No code can reach these slots: their indices existed only in the deleted describe
// functions, the table is neither exported nor imported (JS cannot call through it), and a
// used shim is exported. An emptied slot traps if called, like slot 0.
//
//   node scripts/drop-dead-shims.mjs pkg/mingshi-wasm_bg.wasm   (after wasm-bindgen, before
//   wasm-opt: it needs the function names wasm-bindgen keeps)
//
// Fails loudly when its assumptions break: no names, a table that JS can see, an element
// section it does not know, or no such shims at all (then wasm-bindgen changed; drop this).
import { readFileSync, writeFileSync } from 'node:fs';
import { functionNames, readName, readU32, sections as readSections, u32 } from './wasm-format.mjs';

const [wasmPath] = process.argv.slice(2);
if (!wasmPath) throw new Error('usage: node scripts/drop-dead-shims.mjs pkg/NAME_bg.wasm');
const wasm = readFileSync(wasmPath);
const fail = (what) => { throw new Error(`${wasmPath}: ${what}`); };

/** Signed LEB128 of a non-negative n (the i32.const of a segment offset). */
function s32(n) {
  const out = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>>= 7;
    if (n === 0 && !(byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
}
const sections = readSections(wasm);

// Exported functions; the table must not be exported.
const exported = new Set();
let jspiEntry = false;
for (const s of sections.filter((s) => s.id === 7)) {
  let [count, p] = readU32(wasm, s.start);
  for (let i = 0; i < count; i++) {
    let name;
    [name, p] = readName(wasm, p);
    jspiEntry ||= /jspi/i.test(name);
    const kind = wasm[p];
    let index;
    [index, p] = readU32(wasm, p + 1);
    if (kind === 0) exported.add(index);
    if (kind === 1) fail('the function table is exported; JS could call any slot');
  }
}
for (const s of sections.filter((s) => s.id === 2)) {
  let [count, p] = readU32(wasm, s.start);
  for (let i = 0; i < count; i++) {
    [, p] = readName(wasm, p);
    [, p] = readName(wasm, p);
    const kind = wasm[p++];
    if (kind === 1) fail('the function table is imported; JS could call any slot');
    if (kind === 0) [, p] = readU32(wasm, p);
    else if (kind === 2) p = wasm[p] & 1 ? readU32(wasm, readU32(wasm, p + 1)[1])[1] : readU32(wasm, p + 1)[1];
    else if (kind === 3) p += 2;
    else fail(`import of kind ${kind}`);
  }
}

// Function names (the "name" custom section).
const names = functionNames(wasm, sections);
if (names.size === 0) fail('no function names; run this before wasm-opt strips them');

// The element section: one active segment of function indices at a constant offset, as
// wasm-ld writes it without reference types.
const elem = sections.find((s) => s.id === 9);
if (!elem) fail('no element section');
let [segments, p] = readU32(wasm, elem.start);
if (segments !== 1 || wasm[p] !== 0 || wasm[p + 1] !== 0x41) fail('element section is not one MVP segment');
let offset;
[offset, p] = readU32(wasm, p + 2); // i32.const offset (small and positive: read as unsigned)
if (wasm[p++] !== 0x0b) fail('element segment offset is not a constant');
let count;
[count, p] = readU32(wasm, p);
const slots = [];
for (let i = 0; i < count; i++) {
  let f;
  [f, p] = readU32(wasm, p);
  slots.push(f);
}
if (p !== elem.end) fail('element section has trailing bytes');

const shim = /^wasm_bindgen(\[[0-9a-f]+\])?::convert::closures::_::invoke::</;
// Also js-sys's JSPI task wakers, reached only through the waker of a task that
// `spawn_local` starts inside a JSPI context. wasm-bindgen refuses JSPI without reference
// types, which this build turns off (scripts/lib.sh; checked: no externref table), and then
// makes the context probe a constant false and exports no JSPI entry point (checked), so
// no such task or waker exists.
const jspiWaker = /^js_sys(\[[0-9a-f]+\])?::futures::jspi::task_waker::raw_/;
if (jspiEntry) fail('the module exports a JSPI entry point; its wakers are live');
for (const s of sections.filter((s) => s.id === 4)) {
  let [count, p] = readU32(wasm, s.start);
  for (let i = 0; i < count; i++) {
    if (wasm[p] !== 0x70) fail('a table that is not funcref: reference types are on, so JSPI may be');
    const flags = wasm[p + 1];
    [, p] = readU32(wasm, p + 2); // minimum size
    if (flags & 1) [, p] = readU32(wasm, p); // maximum size
  }
}
const dead = (f) => {
  const name = names.get(f) ?? '';
  return (shim.test(name) || jspiWaker.test(name)) && !exported.has(f);
};
const dropped = slots.filter(dead).length;
if (!slots.some((f) => dead(f) && shim.test(names.get(f)))) {
  fail('no unused closure shims in the table; did wasm-bindgen change? then drop this step');
}

// One segment for each run of kept slots; the emptied slots stay null.
const runs = [];
slots.forEach((f, i) => {
  if (dead(f)) return;
  const last = runs[runs.length - 1];
  if (last && last.at + last.funcs.length === offset + i) last.funcs.push(f);
  else runs.push({ at: offset + i, funcs: [f] });
});
const body = [...u32(runs.length)];
for (const r of runs) {
  body.push(0, 0x41, ...s32(r.at), 0x0b, ...u32(r.funcs.length));
  for (const f of r.funcs) body.push(...u32(f));
}
const out = Buffer.concat([
  wasm.subarray(0, elem.head),
  Buffer.from([9, ...u32(body.length), ...body]),
  wasm.subarray(elem.end),
]);
new WebAssembly.Module(out); // fails here, not in a browser, if the rewrite broke the module
writeFileSync(wasmPath, out);
console.error(`  dead shims: ${wasmPath}: ${dropped} of ${slots.length} table slots emptied`);
