// The field updates a phone could not send yet: kept in storage (they survive a lost connection and a reload) and
// sent in order when the network is back. Each carries its Idempotency-Key, so a retry after a lost answer lands once.

const KEY = 'gridmap.queue';

/**
 * @param storage   a Storage (localStorage), or anything with getItem/setItem
 * @param send      async (item) => 'sent' | 'refused' | 'retry': refused items (the server said no) leave the queue
 *                  with their problem, retried ones stay and stop this round
 * @param onChange  called with the pending items after every change
 */
export function createQueue(storage, send, onChange = () => {}) {
  let flushing = null;

  function read() {
    try {
      const v = JSON.parse(storage.getItem(KEY) || '[]');
      return Array.isArray(v) ? v : [];
    } catch (e) {
      return [];
    }
  }

  function write(items) {
    storage.setItem(KEY, JSON.stringify(items));
    onChange(items);
  }

  /** Queues an update; the key makes it idempotent on the server. */
  function add(item) {
    const items = read();
    items.push({ ...item, key: item.key || newKey(), queuedAt: item.queuedAt || new Date().toISOString() });
    write(items);
    return items[items.length - 1];
  }

  /** Sends what is queued, oldest first; resolves with the items refused this round. */
  function flush() {
    if (flushing) return flushing;
    const run = (async () => {
      await null; // never finish before `flushing` is set, even with nothing to send
      const refused = [];
      for (;;) {
        const items = read();
        if (items.length === 0) break;
        const outcome = await send(items[0]).catch(() => 'retry');
        if (outcome === 'retry') break;
        if (outcome !== 'sent') refused.push({ ...items[0], problem: outcome });
        write(read().filter(i => i.key !== items[0].key));
      }
      return refused;
    })();
    flushing = run;
    run.finally(() => { if (flushing === run) flushing = null; }).catch(() => {});
    return run;
  }

  return { add, flush, pending: read };
}

/** A random key of 20 letters and digits (the server takes 8–100 of A–Z a–z 0–9 _ . : -). */
export function newKey() {
  const bytes = new Uint8Array(15);
  globalThis.crypto.getRandomValues(bytes);
  return 'q-' + Array.from(bytes, b => b.toString(36).padStart(2, '0')).join('').slice(0, 20);
}
