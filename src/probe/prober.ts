// SNMPv3 discovery over UDP (IPv4 and IPv6) with a rate limit, a timeout, retries and a bound on
// the probes in flight. Memory stays flat however many targets there are: targets are pulled
// from an (async) iterator only when a slot is free, and each result is handed out as soon as it
// is known. A reply is only accepted from the address and port it was sent to, with the msgID
// that was sent; anything else on the socket is ignored.
import { createSocket, type Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { BerError, toHex } from './ber.js';
import { buildDiscoveryProbe, parseDiscoveryReply, type DiscoveryReply } from './snmpv3.js';
import type { ProbeTarget } from './targets.js';

export interface ProbeOptions {
  /** Probes (first sends and retries) per second. Default 100. */
  rate?: number;
  /** Milliseconds to wait for a reply to each send. Default 2000. */
  timeoutMs?: number;
  /** Sends after the first when no reply came. Default 1. */
  retries?: number;
  /** Most targets awaiting a reply at once. Default 256. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Local addresses to bind (default: any). */
  bind4?: string;
  bind6?: string;
}

export type ProbeStatus = 'reply' | 'timeout' | 'invalid' | 'error';

export interface ProbeOutcome {
  target: ProbeTarget;
  status: ProbeStatus;
  /** Sends made. */
  attempts: number;
  /** Time from the last send to the reply, in ms. */
  rttMs?: number;
  /** When the reply arrived (or the target was given up on). */
  time: Date;
  reply?: DiscoveryReply;
  /** Why a reply could not be decoded, or why sending failed. */
  error?: string;
  /** First 512 octets of an undecodable reply, hex. */
  rawHex?: string;
}

interface Pending {
  target: ProbeTarget;
  key: string;
  msgId: number;
  attempts: number;
  sentAt: number;
  deadline: number;
  invalid?: { error: string; rawHex: string };
}

const DEFAULTS = { rate: 100, timeoutMs: 2000, retries: 1, concurrency: 256 };
const MAX_RAW_HEX = 512;

function keyOf(address: string, port: number): string {
  return `${address.toLowerCase()}|${port}`;
}

/** Yields targets from an async iterable, passing through resolution errors as outcomes. */
export type TargetSource = AsyncIterable<ProbeTarget | { spec: string; error: string }> | Iterable<ProbeTarget>;

/**
 * Probes every target once (plus retries) and yields one outcome per target, in completion order.
 * Stops early, yielding nothing more, when `signal` aborts.
 */
export async function* probeTargets(targets: TargetSource, options: ProbeOptions = {}): AsyncGenerator<ProbeOutcome> {
  const rate = options.rate ?? DEFAULTS.rate;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const retries = options.retries ?? DEFAULTS.retries;
  const concurrency = options.concurrency ?? DEFAULTS.concurrency;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be positive, got ${rate}`);
  if (!(timeoutMs > 0)) throw new RangeError(`timeout must be positive, got ${timeoutMs}`);
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError(`retries must be a non-negative integer, got ${retries}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);

  const iterator = (Symbol.asyncIterator in targets ? targets[Symbol.asyncIterator]() : (targets as Iterable<ProbeTarget>)[Symbol.iterator]()) as
    | AsyncIterator<ProbeTarget | { spec: string; error: string }>
    | Iterator<ProbeTarget>;
  const syncIterator = !(Symbol.asyncIterator in targets);
  let exhausted = false;
  const inflight = new Map<string, Pending>();
  /** Pending probes in deadline order (each send appends; stale entries are skipped). */
  const deadlines: { p: Pending; attempt: number; deadline: number }[] = [];
  let dlHead = 0;
  const resend: Pending[] = [];
  const ready: ProbeOutcome[] = [];
  // msgIDs are unique per run (31-bit, from a random start) so a late reply cannot be mistaken.
  let nextId = 1 + Math.floor(Math.random() * 0x3fffffff);
  const newId = () => (nextId = nextId >= 0x7ffffffe ? 1 : nextId + 1);

  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const onMessage = (msg: Buffer, rinfo: { address: string; port: number }) => {
    const p = inflight.get(keyOf(rinfo.address, rinfo.port));
    if (p === undefined) return;
    let reply: DiscoveryReply;
    try {
      reply = parseDiscoveryReply(msg);
    } catch (e) {
      const error = e instanceof BerError ? e.message : `undecodable reply: ${String(e)}`;
      p.invalid = { error, rawHex: toHex(msg.subarray(0, MAX_RAW_HEX)) };
      return;
    }
    if (reply.msgId !== p.msgId) return; // stale or forged
    inflight.delete(p.key);
    ready.push({ target: p.target, status: 'reply', attempts: p.attempts, rttMs: Math.round((performance.now() - p.sentAt) * 10) / 10, time: new Date(), reply });
    poke();
  };

  const sockets: { 4?: Socket; 6?: Socket } = {};
  const openSocket = async (family: 4 | 6): Promise<Socket> => {
    const existing = sockets[family];
    if (existing) return existing;
    const s = createSocket({ type: family === 4 ? 'udp4' : 'udp6', recvBufferSize: 4 << 20 });
    s.on('message', onMessage);
    s.on('error', () => {
      /* per-send errors are reported through the send callback */
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.bind({ port: 0, address: family === 4 ? options.bind4 : options.bind6 }, () => {
        s.off('error', reject);
        resolve();
      });
    });
    sockets[family] = s;
    return s;
  };

  const finish = (p: Pending, o: Omit<ProbeOutcome, 'target' | 'attempts' | 'time'>) => {
    inflight.delete(p.key);
    ready.push({ target: p.target, attempts: p.attempts, time: new Date(), ...o });
  };

  const transmit = (sock: Socket, p: Pending) => {
    p.attempts++;
    p.sentAt = performance.now();
    p.deadline = p.sentAt + timeoutMs;
    deadlines.push({ p, attempt: p.attempts, deadline: p.deadline });
    const packet = buildDiscoveryProbe(p.msgId, p.msgId & 0x7fffffff);
    sock.send(packet, p.target.port, p.target.address, (err) => {
      if (err && inflight.get(p.key) === p) {
        finish(p, { status: 'error', error: `send failed: ${(err as NodeJS.ErrnoException).code ?? err.message}` });
        poke();
      }
    });
  };

  /** Sends synchronously once the family's socket is open (the usual case); opens it first otherwise. */
  const send = (p: Pending): Promise<void> | undefined => {
    const open = sockets[p.target.family];
    if (open !== undefined) {
      transmit(open, p);
      return undefined;
    }
    return openSocket(p.target.family).then(
      (sock) => transmit(sock, p),
      (e: unknown) => finish(p, { status: 'error', error: `cannot open a UDP socket: ${e instanceof Error ? e.message : String(e)}` }),
    );
  };

  // Token bucket: at most `rate` sends per second, bursts of at most rate/50 (20 ms worth).
  const burst = Math.max(1, Math.floor(rate / 50));
  let tokens = 1;
  let lastRefill = performance.now();
  const refill = (now: number) => {
    tokens = Math.min(burst, tokens + ((now - lastRefill) * rate) / 1000);
    lastRefill = now;
  };

  const onAbort = () => poke();
  options.signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      if (options.signal?.aborted) return;
      const now = performance.now();
      // Expire: deadlines are appended in send order and all share one timeout, so the queue is sorted.
      while (dlHead < deadlines.length && deadlines[dlHead]!.deadline <= now) {
        const d = deadlines[dlHead++]!;
        const p = d.p;
        if (inflight.get(p.key) !== p || d.attempt !== p.attempts) continue;
        if (p.attempts <= retries) resend.push(p);
        else if (p.invalid) finish(p, { status: 'invalid', error: p.invalid.error, rawHex: p.invalid.rawHex });
        else finish(p, { status: 'timeout' });
      }
      if (dlHead > 4096 && dlHead * 2 > deadlines.length) {
        deadlines.splice(0, dlHead);
        dlHead = 0;
      }
      refill(now);
      // Send: retries first, then new targets while there is room.
      while (tokens >= 1) {
        let p = resend.shift();
        if (p === undefined) {
          if (exhausted || inflight.size >= concurrency) break;
          const r = syncIterator ? (iterator as Iterator<ProbeTarget>).next() : await iterator.next();
          if (r.done) {
            exhausted = true;
            break;
          }
          const t = r.value;
          if ('error' in t) {
            ready.push({ target: { address: '', port: 0, family: 4, spec: t.spec }, status: 'error', attempts: 0, time: new Date(), error: t.error });
            continue;
          }
          const key = keyOf(t.address, t.port);
          if (inflight.has(key)) continue; // the same target is already being probed
          p = { target: t, key, msgId: newId(), attempts: 0, sentAt: 0, deadline: 0 };
          inflight.set(key, p);
        }
        tokens -= 1;
        const opening = send(p);
        if (opening !== undefined) await opening;
      }
      while (ready.length > 0) yield ready.shift()!;
      if (exhausted && inflight.size === 0 && resend.length === 0) return;
      // Sleep until the next deadline, the next token (if something waits to be sent) or a reply.
      let until = Infinity;
      for (let i = dlHead; i < deadlines.length; i++) {
        const d = deadlines[i]!;
        if (inflight.get(d.p.key) === d.p && d.attempt === d.p.attempts) {
          until = d.deadline;
          break;
        }
        dlHead = i + 1;
      }
      const wantsToSend = resend.length > 0 || (!exhausted && inflight.size < concurrency);
      if (wantsToSend) until = Math.min(until, performance.now() + Math.max(0, ((1 - tokens) * 1000) / rate));
      const delay = Math.max(0, until - performance.now());
      if (delay > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            wake = null;
            resolve();
          }, Math.min(delay, 1000));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      } else if (ready.length === 0) {
        // Let socket callbacks run even when always busy.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    for (const s of [sockets[4], sockets[6]]) s?.close();
    const it = iterator as AsyncIterator<unknown>;
    if (!exhausted && typeof it.return === 'function') await it.return();
  }
}
