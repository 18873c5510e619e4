// Gives the names that only wasm-bindgen's glue and its wasm share short replacements.
// wasm-bindgen names every import like `__wbg_querySelector_4d3a0a8ab3f0f1c2` and every
// closure shim export like `wasm_bindgen_57a5…___convert__closures_____invoke___…`; each
// name is written twice (wasm import/export section, JS glue), and their hex suffixes do not
// compress. Shortening them saved 13 KB raw and 5.7 KB gzip on the component (160 imports).
// The import module's name ("./NAME_bg.js", repeated in every import) becomes `m`: -97 B
// gzip more on the component's wasm.
// The module's own exports (`start`, `show`, ..., `memory`) are shortened too where only the
// glue reads them, as `wasm.name` (the page sees the glue's functions, never the instance):
// -113 B gzip more.
//
//   node scripts/short-names.mjs pkg/mingshi-wasm   (rewrites NAME_bg.wasm and NAME.js)
//
// Fails loudly when the glue does not mention a name exactly as expected, so a change in
// wasm-bindgen's output format breaks the build, not the page.
import { readFileSync, writeFileSync } from 'node:fs';
import { readName, readU32, u32 } from './wasm-format.mjs';

const [base] = process.argv.slice(2);
if (!base) throw new Error('usage: node scripts/short-names.mjs pkg/NAME');
const wasmPath = `${base}_bg.wasm`;
const jsPath = `${base}.js`;
const wasm = readFileSync(wasmPath);
let js = readFileSync(jsPath, 'utf8');

const nameBytes = (s) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);
/** Skips an import's description (func, table, memory, global or tag) and returns its end. */
function skipImportDesc(buf, pos) {
  const kind = buf[pos++];
  const limits = (p) => {
    const flags = buf[p++];
    [, p] = readU32(buf, p);
    if (flags & 1) [, p] = readU32(buf, p);
    return p;
  };
  switch (kind) {
    case 0: return readU32(buf, pos)[1];
    case 1: return limits(pos + 1);
    case 2: return limits(pos);
    case 3: return pos + 2;
    case 4: return readU32(buf, pos + 1)[1];
    default: throw new Error(`${wasmPath}: unknown import kind ${kind}`);
  }
}

// Short names: a, b, …, z, aa, ab, … (keywords like `do` are fine: the glue uses these names
// only as property names).
let counter = 0;
function nextName() {
  let n = counter++, s = '';
  do { s = String.fromCharCode(97 + (n % 26)) + s; n = Math.floor(n / 26) - 1; } while (n >= 0);
  return s;
}

/** Replaces `before` by `after` in the glue; `before` must occur exactly `count` times. */
function rename(pattern, replacement, what) {
  const hits = js.match(pattern);
  if (!hits || hits.length === 0) throw new Error(`${jsPath}: ${what} not found; did wasm-bindgen's output change?`);
  js = js.replace(pattern, replacement);
  return hits.length;
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The glue's variable for the instance's exports (`wasm = instance.exports`, minified).
const wasmVars = [...js.matchAll(/(?<![\w$])([\w$]+)=[\w$]+\.exports(?![\w$])/g)];
if (wasmVars.length !== 1) throw new Error(`${jsPath}: expected one \`wasm = instance.exports\`, found ${wasmVars.length}`);
const wasmVar = wasmVars[0][1];

let pos = 8;
const sections = [wasm.subarray(0, 8)];
let saved = 0;
while (pos < wasm.length) {
  const id = wasm[pos];
  const [size, start] = readU32(wasm, pos + 1);
  const end = start + size;
  let body = wasm.subarray(start, end);
  if (id === 2) {
    // Imports: every one from the glue's module gets a short name.
    let [count, p] = readU32(wasm, start);
    const parts = [u32(count)];
    const modules = new Set();
    for (let i = 0; i < count; i++) {
      let module, field;
      [module, p] = readName(wasm, p);
      [field, p] = readName(wasm, p);
      const descEnd = skipImportDesc(wasm, p);
      const short = nextName();
      // The glue defines each import once, as `name:function(` in its imports object.
      const n = rename(new RegExp(`(?<![\\w$])${escape(field)}(?=:)`, 'g'), short, `import ${field}`);
      if (n !== 1) throw new Error(`${jsPath}: import ${field} is defined ${n} times`);
      modules.add(module);
      // The module name too ("./NAME_bg.js", written once per import): `m`.
      parts.push(nameBytes('m'), nameBytes(short), wasm.subarray(p, descEnd));
      p = descEnd;
    }
    if (p !== end) throw new Error(`${wasmPath}: import section has trailing bytes`);
    if (modules.size !== 1) throw new Error(`${wasmPath}: expected one import module, found ${[...modules]}`);
    const [module] = modules;
    const n = rename(new RegExp(`"${escape(module)}"(?=:)`, 'g'), 'm', `import module ${module}`);
    if (n !== 1) throw new Error(`${jsPath}: import module ${module} is named ${n} times`);
    body = Buffer.concat(parts);
  } else if (id === 7) {
    // Exports: only wasm-bindgen's own (the glue calls them as `wasm.name`).
    let [count, p] = readU32(wasm, start);
    const parts = [u32(count)];
    for (let i = 0; i < count; i++) {
      let name;
      [name, p] = readName(wasm, p);
      const kind = wasm[p];
      const [, indexEnd] = readU32(wasm, p + 1);
      const internal = /^(__wbindgen_|__wbg_|wasm_bindgen_|__externref_)/.test(name) && kind === 0;
      let out = name;
      const used = new RegExp(`\\.${escape(name)}(?![\\w$])`, 'g');
      // A public function or the memory only where every `.name` in the glue is the
      // instance's (`wasm.name`): a like-named property of something else keeps it.
      const onWasm = new RegExp(`(?<![\\w$])${escape(wasmVar)}\\.${escape(name)}(?![\\w$])`, 'g');
      const readByGlue = (kind === 0 || kind === 2)
        && (js.match(onWasm) || []).length === (js.match(used) || []).length;
      if ((internal || readByGlue) && used.test(js)) {
        out = `_${nextName()}`;
        rename(used, `.${out}`, `export ${name}`);
      }
      parts.push(nameBytes(out), wasm.subarray(p, indexEnd));
      p = indexEnd;
    }
    if (p !== end) throw new Error(`${wasmPath}: export section has trailing bytes`);
    body = Buffer.concat(parts);
  }
  saved += size - body.length;
  sections.push(Buffer.from([id]), u32(body.length), body);
  pos = end;
}

const out = Buffer.concat(sections);
new WebAssembly.Module(out); // fails here, not in a browser, if the rewrite broke the module
writeFileSync(wasmPath, out);
writeFileSync(jsPath, js);
console.error(`  short names: ${base}: ${saved} B less wasm`);
