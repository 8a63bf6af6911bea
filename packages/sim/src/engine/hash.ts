/**
 * A 64-bit FNV-1a hash of a string's UTF-16 code units, as 16 hex digits. It names a parameter
 * set in outputs and snapshots (not a security hash); pure, so the browser computes the same.
 */
export function hash64(text: string): string {
  // two 32-bit halves of FNV-1a 64: h = (h ^ c) * 0x100000001b3 mod 2^64
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo ^= text.charCodeAt(i);
    // multiply (hi, lo) by 0x00000100_000001b3
    const l0 = lo & 0xffff;
    const l1 = lo >>> 16;
    const p0 = l0 * 0x1b3;
    const p1 = l1 * 0x1b3 + (p0 >>> 16);
    const nlo = ((p1 & 0xffff) << 16) | (p0 & 0xffff);
    const carry = Math.floor(p1 / 0x10000);
    hi = (Math.imul(hi, 0x1b3) + (lo << 8) + carry) >>> 0;
    lo = nlo >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
