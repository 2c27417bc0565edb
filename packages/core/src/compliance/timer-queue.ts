/**
 * A binary min-heap of timers (a commitment starting, a deadline passing, a consultation closing).
 * Keys are `2·time` for starts and `2·time + 1` for everything else, so at the same instant a
 * start fires before the events of that instant and a deadline after them: a report filed exactly
 * at the deadline is on time.
 */
export interface Timer {
  key: number;
  kind: "start" | "deadline" | "consultation";
  /** Commitment index, or consultation index. */
  index: number;
  seq: number;
}

export class TimerQueue {
  private heap: Timer[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, kind: Timer["kind"], index: number): void {
    const key = kind === "start" ? 2 * at : 2 * at + 1;
    this.heap.push({ key, kind, index, seq: this.seq++ });
    let i = this.heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(this.heap[i]!, this.heap[p]!)) break;
      [this.heap[i], this.heap[p]] = [this.heap[p]!, this.heap[i]!];
      i = p;
    }
  }

  /** The earliest timer, without removing it. */
  peek(): Timer | undefined {
    return this.heap[0];
  }

  /** Removes and returns the earliest timer whose key is at most `key`, if any. */
  popUpTo(key: number): Timer | undefined {
    const top = this.heap[0];
    if (!top || top.key > key) return undefined;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.heap.length && less(this.heap[l]!, this.heap[m]!)) m = l;
        if (r < this.heap.length && less(this.heap[r]!, this.heap[m]!)) m = r;
        if (m === i) break;
        [this.heap[i], this.heap[m]] = [this.heap[m]!, this.heap[i]!];
        i = m;
      }
    }
    return top;
  }
}

function less(a: Timer, b: Timer): boolean {
  return a.key < b.key || (a.key === b.key && a.seq < b.seq);
}

/** Timer time from its key. */
export function timerTime(t: Timer): number {
  return Math.floor(t.key / 2);
}
