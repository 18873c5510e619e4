// Where the component's wasm bytes go: raw bytes of function code grouped by the Rust module
// they come from (`mingshi::app`, `mingshi_core::consent`, `alloc::vec`, ...), plus the data
// (strings, CSS, tables) and the module's own structure (imports, exports, tables, types).
// Reads the names build that scripts/build.sh keeps (same passes, names not stripped).
//   node scripts/size-breakdown.mjs [target/size/mingshi-wasm.names.wasm] [rows]
// Raw bytes, before gzip; code compresses to about 40% and the CSS and strings to about 30%.
// What inlining put where follows wasm-opt: a function with one caller is counted with its
// caller. For single functions, run twiggy on the same file.
import { readFileSync } from 'node:fs';
import { functionNames, readName, readU32, sections } from './wasm-format.mjs';

const file = process.argv[2] || 'target/size/mingshi-wasm.names.wasm';
const rows = Number(process.argv[3] || 16);
const wasm = readFileSync(file);
const fail = (what) => { throw new Error(`${file}: ${what}`); };

/** Skips a table's or a memory's limits at `pos`. */
function skipLimits(pos) {
  const flags = wasm[pos];
  let [, p] = readU32(wasm, pos + 1);
  if (flags & 1) [, p] = readU32(wasm, p);
  return p;
}

/** How many of the module's functions are imports (they come first in the index space). */
function importedFunctions(s) {
  let [count, pos] = readU32(wasm, s.start), functions = 0;
  for (let i = 0; i < count; i++) {
    [, pos] = readName(wasm, pos);
    [, pos] = readName(wasm, pos);
    const kind = wasm[pos++];
    if (kind === 0) { functions++; [, pos] = readU32(wasm, pos); }
    else if (kind === 1) pos = skipLimits(pos + 1);
    else if (kind === 2) pos = skipLimits(pos);
    else if (kind === 3) pos += 2;
    else fail(`unknown import kind ${kind}`);
  }
  return functions;
}

/** The functions the crate exports (lib.rs's `#[wasm_bindgen]` functions), by index: each is
 * named after its export, and holds the Rust function's body (and what is inlined into it). */
function exportedFunctions(s) {
  const out = new Set();
  let [count, pos] = readU32(wasm, s.start);
  for (let i = 0; i < count; i++) {
    let name, index;
    [name, pos] = readName(wasm, pos);
    const kind = wasm[pos++];
    [index, pos] = readU32(wasm, pos);
    if (kind === 0 && !name.startsWith('__')) out.add(index);
  }
  return out;
}

/** The module a function's name belongs to: `<mingshi[hash]::app::App>::open` ->
 * `mingshi::app`; an export of the crate (`start`) is `mingshi::lib`. Generic code made for
 * one of our types counts as ours: `Vec<mingshi_core::consent::X>::push` is
 * `mingshi_core::consent`. Drop glue is one group. */
function group(name, exported) {
  if (exported) return 'mingshi::lib';
  if (/^core(\[[0-9a-f]+\])?::ptr::drop_in_place/.test(name)) return 'drop glue (all types)';
  const plain = name.replace(/\[[0-9a-f]+\]/g, '');
  // The path's segments without closures (`{closure#0}`).
  const outer = plain.replace(/^[<&]+/, '').split(/[<>( ]/)[0].split('::').filter((p) => !p.startsWith('{'));
  if (outer.length === 1) return 'exports and wasm-bindgen shims';
  // mingshi::function: a function of the crate's root (lib.rs).
  let [crate, module] = outer.length === 2 && outer[0].startsWith('mingshi') ? [outer[0], '_'] : outer;
  if (!crate.startsWith('mingshi')) {
    const ours = plain.match(/\b(mingshi(?:_core)?)::(\w+)/);
    if (ours) [, crate, module] = ours;
  }
  return `${crate}::${module === '_' ? 'lib' : module}`;
}

const secs = sections(wasm);
const names = functionNames(wasm, secs);
let imported = 0, code = null, exports = new Set();
const totals = new Map();
const add = (k, n) => totals.set(k, (totals.get(k) || 0) + n);
for (const s of secs) {
  const size = s.end - s.head;
  if (s.id === 7) exports = exportedFunctions(s);
  if (s.id === 2) { imported = importedFunctions(s); add('imports (long names here, short in pkg/)', size); }
  else if (s.id === 10) code = s;
  else if (s.id === 11) add('data (CSS, UI strings, messages, tables)', size);
  else if (s.id !== 0) add('module structure (types, exports, table, globals)', size);
}
if (names.size === 0) fail('no name section: pass the names build (scripts/build.sh keeps one in target/size/)');
if (!code) fail('no code section');
let [count, pos] = readU32(wasm, code.start);
for (let i = 0; i < count; i++) {
  const [size, body] = readU32(wasm, pos);
  add(group(names.get(imported + i) || '?', exports.has(imported + i)), body + size - pos);
  pos = body + size;
}

const total = [...totals.values()].reduce((a, b) => a + b, 0);
const sorted = [...totals].sort((a, b) => b[1] - a[1]);
const shown = sorted.slice(0, rows);
const rest = sorted.slice(rows).reduce((a, [, n]) => a + n, 0);
console.log(`  component wasm by part (raw bytes, names build; ${total} B without the name section):`);
for (const [k, n] of shown) console.log(`    ${k.padEnd(52)} ${String(n).padStart(7)} B  ${(100 * n / total).toFixed(1).padStart(4)}%`);
if (rest) console.log(`    ${`${sorted.length - rows} other modules`.padEnd(52)} ${String(rest).padStart(7)} B  ${(100 * rest / total).toFixed(1).padStart(4)}%`);
