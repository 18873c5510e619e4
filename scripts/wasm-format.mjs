// A minimal reader and writer for the parts of the wasm binary format that the build's
// post-processing steps touch (short-names.mjs, drop-dead-shims.mjs).

/** Reads an unsigned LEB128 at `pos`; returns [value, position after it]. */
export function readU32(buf, pos) {
  let result = 0, shift = 0, byte;
  do {
    byte = buf[pos++];
    result |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [result >>> 0, pos];
}

/** `n` as unsigned LEB128 bytes. */
export function u32(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

/** Reads a name (length-prefixed UTF-8) at `pos`; returns [name, position after it]. */
export function readName(buf, pos) {
  const [len, p] = readU32(buf, pos);
  return [buf.toString('utf8', p, p + len), p + len];
}

/** The module's sections after the 8-byte header: id, `head` (where the section starts),
 * and its body's `start` and `end`. */
export function sections(wasm) {
  const out = [];
  for (let pos = 8; pos < wasm.length;) {
    const [size, start] = readU32(wasm, pos + 1);
    out.push({ id: wasm[pos], head: pos, start, end: start + size });
    pos = start + size;
  }
  return out;
}

/** Function index -> name, from the module's `name` custom section (subsection 1); empty
 * when it has none. `secs` is `sections(wasm)`. */
export function functionNames(wasm, secs) {
  const names = new Map();
  for (const s of secs.filter((s) => s.id === 0)) {
    const [section, p0] = readName(wasm, s.start);
    if (section !== 'name') continue;
    for (let p = p0; p < s.end;) {
      const sub = wasm[p];
      const [size, start] = readU32(wasm, p + 1);
      if (sub === 1) {
        let [count, q] = readU32(wasm, start);
        for (let i = 0; i < count; i++) {
          let index, name;
          [index, q] = readU32(wasm, q);
          [name, q] = readName(wasm, q);
          names.set(index, name);
        }
      }
      p = start + size;
    }
  }
  return names;
}
