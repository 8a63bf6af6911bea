/**
 * Struct-of-arrays state in one SharedArrayBuffer. The engine knows nothing of history: it
 * holds per-agent bytes, a contact network in compressed rows, a per-week table of thresholds
 * written by the model, and per-worker counter slots that the model sums in a fixed order.
 */

export interface Dims {
  /** Agents. */
  n: number;
  /** Contact edges (out-edges, compressed rows). */
  edges: number;
  /** Length of the per-week table of thresholds (Float64). */
  table: number;
  /** Counters per worker slot (Int32). */
  counters: number;
  /** Worker slots. */
  slots: number;
  /** Blocks of agents that carry a work mark (the kernel's unit of skipping). */
  blocks: number;
}

export interface State {
  dims: Dims;
  /** Shared between threads where the platform allows it (a page that is not cross-origin isolated has a plain ArrayBuffer, and one thread). */
  sab: SharedArrayBuffer | ArrayBuffer;
  cat: Uint8Array;
  region: Uint8Array;
  status: Uint8Array;
  flags: Uint8Array;
  chan: Uint8Array;
  timer: Uint16Array;
  /** Two name buffers: week w writes named[w & 1], reads and clears named[(w + 1) & 1]. */
  named0: Uint8Array;
  named1: Uint8Array;
  /** Per block, the same two buffers at block level: some agent of the block has a name mark. */
  mark0: Uint8Array;
  mark1: Uint8Array;
  /** Per block, the first week in which some agent of the block needs a visit (see the kernel). */
  due: Uint16Array;
  offsets: Uint32Array;
  targets: Uint32Array;
  /** Ready lists: a worker owning agents [lo, hi) writes agent ids at positions lo.. */
  ready: Int32Array;
  table: Float64Array;
  counters: Int32Array;
}

function align(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

/** Byte layout of the buffer: the agent part first (what a snapshot copies), then work areas. */
export function layout(d: Dims) {
  let o = 0;
  const at = (bytes: number, a: number) => {
    o = align(o, a);
    const start = o;
    o += bytes;
    return start;
  };
  const L = {
    cat: at(d.n, 1),
    region: at(d.n, 1),
    status: at(d.n, 1),
    flags: at(d.n, 1),
    chan: at(d.n, 1),
    named0: at(d.n, 1),
    named1: at(d.n, 1),
    mark0: at(d.blocks, 1),
    mark1: at(d.blocks, 1),
    timer: at(2 * d.n, 2),
    due: at(2 * d.blocks, 2),
    offsets: at(4 * (d.n + 1), 4),
    targets: at(4 * d.edges, 4),
    agentEnd: 0,
    ready: 0,
    table: 0,
    counters: 0,
    total: 0,
  };
  L.agentEnd = o;
  L.ready = at(4 * d.n, 4);
  L.table = at(8 * d.table, 8);
  L.counters = at(4 * d.counters * d.slots, 4);
  L.total = align(o, 8);
  return L;
}

/** Views over a buffer (new or shared from another thread). */
export function views(d: Dims, sab: SharedArrayBuffer | ArrayBuffer): State {
  const L = layout(d);
  return {
    dims: d,
    sab,
    cat: new Uint8Array(sab, L.cat, d.n),
    region: new Uint8Array(sab, L.region, d.n),
    status: new Uint8Array(sab, L.status, d.n),
    flags: new Uint8Array(sab, L.flags, d.n),
    chan: new Uint8Array(sab, L.chan, d.n),
    named0: new Uint8Array(sab, L.named0, d.n),
    named1: new Uint8Array(sab, L.named1, d.n),
    mark0: new Uint8Array(sab, L.mark0, d.blocks),
    mark1: new Uint8Array(sab, L.mark1, d.blocks),
    timer: new Uint16Array(sab, L.timer, d.n),
    due: new Uint16Array(sab, L.due, d.blocks),
    offsets: new Uint32Array(sab, L.offsets, d.n + 1),
    targets: new Uint32Array(sab, L.targets, d.edges),
    ready: new Int32Array(sab, L.ready, d.n),
    table: new Float64Array(sab, L.table, d.table),
    counters: new Int32Array(sab, L.counters, d.counters * d.slots),
  };
}

export function allocate(d: Dims): State {
  const bytes = layout(d).total;
  return views(
    d,
    typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes),
  );
}

/** Bytes of per-agent state (what the memory target counts), excluding edges. */
export function bytesPerAgent(d: Dims): number {
  const L = layout(d);
  return (L.agentEnd - 4 * d.edges + 4 * d.n) / d.n; // agent arrays + offsets + ready list
}

/** A copy of the agent part of the state (everything a resumed run needs from the arrays). */
export function snapshotBytes(s: State): Uint8Array {
  const L = layout(s.dims);
  return new Uint8Array(s.sab, 0, L.agentEnd).slice();
}

/** Writes snapshot bytes back into a state of the same dimensions. */
export function restoreBytes(s: State, bytes: Uint8Array): void {
  const L = layout(s.dims);
  if (bytes.length !== L.agentEnd) throw new Error('snapshot does not match the state dimensions');
  new Uint8Array(s.sab, 0, L.agentEnd).set(bytes);
}
