/** A sequential stream of uniforms over the keyed Philox generator (for designs and samplers). */
import { Keyed, unit } from '../engine/philox.ts';

export class Stream {
  private readonly k: Keyed;
  private i = 0;
  private buf: Uint32Array = new Uint32Array(4);
  private lane = 4;
  constructor(seed: number, stream = 0xca11) {
    this.k = new Keyed(seed, stream);
  }
  /** Uniform in (0, 1). */
  next(): number {
    if (this.lane === 4) {
      this.buf = this.k.block(0, this.i >>> 0, 0, Math.floor(this.i / 4294967296));
      this.i++;
      this.lane = 0;
    }
    return unit(this.buf[this.lane++]!);
  }
  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  int(n: number): number {
    return Math.min(n - 1, Math.floor(this.next() * n));
  }
}
