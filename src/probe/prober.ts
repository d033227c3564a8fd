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
  const run = new ProbeRun(targets, probeSettings(options), options);
  const onAbort = () => run.poke();
  options.signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      if (options.signal?.aborted) return;
      const now = performance.now();
      run.expire(now);
      run.refill(now);
      await run.sendWhileTokens();
      while (run.ready.length > 0) yield run.ready.shift()!;
      if (run.finished()) return;
      await run.sleep();
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await run.close();
  }
}

interface ProbeSettings {
  rate: number;
  timeoutMs: number;
  retries: number;
  concurrency: number;
}

function probeSettings(options: ProbeOptions): ProbeSettings {
  const rate = options.rate ?? DEFAULTS.rate;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const retries = options.retries ?? DEFAULTS.retries;
  const concurrency = options.concurrency ?? DEFAULTS.concurrency;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be positive, got ${rate}`);
  if (!(timeoutMs > 0)) throw new RangeError(`timeout must be positive, got ${timeoutMs}`);
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError(`retries must be a non-negative integer, got ${retries}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  return { rate, timeoutMs, retries, concurrency };
}

/** One run's state: targets still to pull, probes in flight and their deadlines, the token bucket, the sockets. */
class ProbeRun {
  private readonly iterator: AsyncIterator<ProbeTarget | { spec: string; error: string }> | Iterator<ProbeTarget>;
  private readonly syncIterator: boolean;
  private exhausted = false;
  private readonly inflight = new Map<string, Pending>();
  /** Pending probes in deadline order (each send appends; stale entries are skipped). */
  private deadlines: { p: Pending; attempt: number; deadline: number }[] = [];
  private dlHead = 0;
  private readonly resend: Pending[] = [];
  /** Outcomes known and not yet handed out. */
  readonly ready: ProbeOutcome[] = [];
  // msgIDs are unique per run (31-bit, from a random start) so a late reply cannot be mistaken.
  private nextId = 1 + Math.floor(Math.random() * 0x3fffffff);
  private wake: (() => void) | null = null;
  private readonly sockets: { 4?: Socket; 6?: Socket } = {};
  // Token bucket: at most `rate` sends per second, bursts of at most rate/50 (20 ms worth).
  private readonly burst: number;
  private tokens = 1;
  private lastRefill = performance.now();

  constructor(targets: TargetSource, private readonly cfg: ProbeSettings, private readonly options: ProbeOptions) {
    this.iterator = (Symbol.asyncIterator in targets ? targets[Symbol.asyncIterator]() : (targets as Iterable<ProbeTarget>)[Symbol.iterator]()) as
      | AsyncIterator<ProbeTarget | { spec: string; error: string }>
      | Iterator<ProbeTarget>;
    this.syncIterator = !(Symbol.asyncIterator in targets);
    this.burst = Math.max(1, Math.floor(cfg.rate / 50));
  }

  private newId(): number {
    return (this.nextId = this.nextId >= 0x7ffffffe ? 1 : this.nextId + 1);
  }

  /** Wakes the loop from its sleep. */
  poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private readonly onMessage = (msg: Buffer, rinfo: { address: string; port: number }) => {
    const p = this.inflight.get(keyOf(rinfo.address, rinfo.port));
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
    this.inflight.delete(p.key);
    this.ready.push({ target: p.target, status: 'reply', attempts: p.attempts, rttMs: Math.round((performance.now() - p.sentAt) * 10) / 10, time: new Date(), reply });
    this.poke();
  };

  private async openSocket(family: 4 | 6): Promise<Socket> {
    const existing = this.sockets[family];
    if (existing) return existing;
    const s = createSocket({ type: family === 4 ? 'udp4' : 'udp6', recvBufferSize: 4 << 20 });
    s.on('message', this.onMessage);
    s.on('error', () => {
      /* per-send errors are reported through the send callback */
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.bind({ port: 0, address: family === 4 ? this.options.bind4 : this.options.bind6 }, () => {
        s.off('error', reject);
        resolve();
      });
    });
    this.sockets[family] = s;
    return s;
  }

  private finish(p: Pending, o: Omit<ProbeOutcome, 'target' | 'attempts' | 'time'>): void {
    this.inflight.delete(p.key);
    this.ready.push({ target: p.target, attempts: p.attempts, time: new Date(), ...o });
  }

  private transmit(sock: Socket, p: Pending): void {
    p.attempts++;
    p.sentAt = performance.now();
    p.deadline = p.sentAt + this.cfg.timeoutMs;
    this.deadlines.push({ p, attempt: p.attempts, deadline: p.deadline });
    const packet = buildDiscoveryProbe(p.msgId, p.msgId & 0x7fffffff);
    sock.send(packet, p.target.port, p.target.address, (err) => {
      if (err && this.inflight.get(p.key) === p) {
        this.finish(p, { status: 'error', error: `send failed: ${(err as NodeJS.ErrnoException).code ?? err.message}` });
        this.poke();
      }
    });
  }

  /** Sends synchronously once the family's socket is open (the usual case); opens it first otherwise. */
  private send(p: Pending): Promise<void> | undefined {
    const open = this.sockets[p.target.family];
    if (open !== undefined) {
      this.transmit(open, p);
      return undefined;
    }
    return this.openSocket(p.target.family).then(
      (sock) => this.transmit(sock, p),
      (e: unknown) => this.finish(p, { status: 'error', error: `cannot open a UDP socket: ${e instanceof Error ? e.message : String(e)}` }),
    );
  }

  refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastRefill) * this.cfg.rate) / 1000);
    this.lastRefill = now;
  }

  /** Expire: deadlines are appended in send order and all share one timeout, so the queue is sorted. */
  expire(now: number): void {
    const { deadlines, inflight } = this;
    while (this.dlHead < deadlines.length && deadlines[this.dlHead]!.deadline <= now) {
      const d = deadlines[this.dlHead++]!;
      const p = d.p;
      if (inflight.get(p.key) !== p || d.attempt !== p.attempts) continue;
      if (p.attempts <= this.cfg.retries) this.resend.push(p);
      else if (p.invalid) this.finish(p, { status: 'invalid', error: p.invalid.error, rawHex: p.invalid.rawHex });
      else this.finish(p, { status: 'timeout' });
    }
    if (this.dlHead > 4096 && this.dlHead * 2 > deadlines.length) {
      deadlines.splice(0, this.dlHead);
      this.dlHead = 0;
    }
  }

  /** Send: retries first, then new targets while there is room. */
  async sendWhileTokens(): Promise<void> {
    while (this.tokens >= 1) {
      let p = this.resend.shift();
      if (p === undefined) {
        if (this.exhausted || this.inflight.size >= this.cfg.concurrency) break;
        const r = this.syncIterator ? (this.iterator as Iterator<ProbeTarget>).next() : await this.iterator.next();
        if (r.done) {
          this.exhausted = true;
          break;
        }
        const t = r.value;
        if ('error' in t) {
          this.ready.push({ target: { address: '', port: 0, family: 4, spec: t.spec }, status: 'error', attempts: 0, time: new Date(), error: t.error });
          continue;
        }
        const key = keyOf(t.address, t.port);
        if (this.inflight.has(key)) continue; // the same target is already being probed
        p = { target: t, key, msgId: this.newId(), attempts: 0, sentAt: 0, deadline: 0 };
        this.inflight.set(key, p);
      }
      this.tokens -= 1;
      const opening = this.send(p);
      if (opening !== undefined) await opening;
    }
  }

  finished(): boolean {
    return this.exhausted && this.inflight.size === 0 && this.resend.length === 0;
  }

  /** Sleep until the next deadline, the next token (if something waits to be sent) or a reply. */
  async sleep(): Promise<void> {
    const { deadlines, inflight } = this;
    let until = Infinity;
    for (let i = this.dlHead; i < deadlines.length; i++) {
      const d = deadlines[i]!;
      if (inflight.get(d.p.key) === d.p && d.attempt === d.p.attempts) {
        until = d.deadline;
        break;
      }
      this.dlHead = i + 1;
    }
    const wantsToSend = this.resend.length > 0 || (!this.exhausted && inflight.size < this.cfg.concurrency);
    if (wantsToSend) until = Math.min(until, performance.now() + Math.max(0, ((1 - this.tokens) * 1000) / this.cfg.rate));
    const delay = Math.max(0, until - performance.now());
    if (delay > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.wake = null;
          resolve();
        }, Math.min(delay, 1000));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    } else if (this.ready.length === 0) {
      // Let socket callbacks run even when always busy.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Closes the sockets and, when the targets were not all pulled, their iterator. */
  async close(): Promise<void> {
    for (const s of [this.sockets[4], this.sockets[6]]) s?.close();
    const it = this.iterator as AsyncIterator<unknown>;
    if (!this.exhausted && typeof it.return === 'function') await it.return();
  }
}
