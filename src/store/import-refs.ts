// References are checked at import: every link endpoint and flow endpoint must be a device of the
// new snapshot (its own devices or its base's), so the store never holds a phantom that the
// analyses would route a "clean" path through. Flows may name an endpoint by device id or by a
// device name that only one device has; they are stored by id.
//
// Nothing is collected until the first link or flow arrives: an inventory-only import (the
// million-row benchmark) pays nothing. From then on the devices the snapshot holds so far come
// from the writer once, and later devices are noted as they are written.
import { InputError, type Device, type Flow, type Link, type SourceRef } from '../model/index.js';
import { DEVICE_ID_AT, DEVICE_NAME_AT, DEVICE_WIDTH, type SqlValue } from './rows.js';
import type { ImportWriter } from './types.js';

/** A name several devices share: a flow cannot name its endpoint by it. */
interface Shared {
  ids: string[];
}

interface ByName {
  id: string;
  flow: Flow;
  end: 'src' | 'dst';
}

export class ReferenceCheck {
  private ids: Set<string> | undefined;
  private names = new Map<string, string | Shared>();
  /** Held until every device is known, then resolved in input order. */
  private heldLinks: Link[] = [];
  private heldFlows: Flow[] = [];
  /** Names flows were resolved by, re-checked at the end against devices written later. */
  private usedNames = new Map<string, ByName>();

  /** `where` says which devices count, for messages: e.g. `this import nor in base snapshot "q3"`. */
  constructor(private readonly writer: ImportWriter, private readonly where: string) {}

  get ready(): boolean {
    return this.ids !== undefined;
  }

  /** Reads the devices written so far; called before the first link or flow is checked. */
  async open(): Promise<void> {
    const keys = await this.writer.deviceKeys();
    this.ids = new Set(keys.ids);
    for (let i = 0; i < keys.ids.length; i++) this.noteName(keys.names[i] ?? null, keys.ids[i]!);
  }

  noteDevices(devices: readonly Device[]): void {
    if (this.ids === undefined) return;
    for (const d of devices) {
      this.ids.add(d.id);
      this.noteName(d.name ?? null, d.id);
    }
  }

  /** Devices flattened by the import worker: DEVICE_WIDTH values a row. */
  noteEncoded(rows: readonly (readonly SqlValue[])[]): void {
    if (this.ids === undefined) return;
    for (const values of rows) {
      for (let at = 0; at < values.length; at += DEVICE_WIDTH) {
        const id = String(values[at + DEVICE_ID_AT]);
        this.ids.add(id);
        const name = values[at + DEVICE_NAME_AT];
        this.noteName(name === null || name === undefined ? null : String(name), id);
      }
    }
  }

  /** The links that may be written now, in order; the rest are held for `finish`. */
  links(links: readonly Link[]): Link[] {
    const ids = this.known();
    const now: Link[] = [];
    for (const l of links) {
      // Once one is held, every later one is too, so that input order is kept.
      if (this.heldLinks.length === 0 && ids.has(l.a) && ids.has(l.b)) now.push(l);
      else this.heldLinks.push(l);
    }
    return now;
  }

  /** The flows that may be written now, endpoints as device ids; the rest are held for `finish`. */
  flows(flows: readonly Flow[]): Flow[] {
    const now: Flow[] = [];
    for (const f of flows) {
      const resolved = this.heldFlows.length === 0 ? this.resolveFlow(f, false) : undefined;
      if (resolved) now.push(resolved);
      else this.heldFlows.push(f);
    }
    return now;
  }

  /**
   * Every device is known: the held links and flows, resolved, or an InputError naming the first
   * (by file and line) that names no device, or a name that stopped being one device's.
   */
  finish(): { links: Link[]; flows: Flow[] } {
    if (this.ids === undefined) return { links: [], flows: [] };
    const ids = this.ids;
    for (const l of this.heldLinks) {
      for (const end of [l.a, l.b]) {
        if (!ids.has(end)) throw at(l.source, `link ${l.a} -> ${l.b}: "${end}" is not a device id in ${this.where}`);
      }
    }
    const flows = this.heldFlows.map((f) => this.resolveFlow(f, true)!);
    for (const [name, use] of this.usedNames) {
      const now = this.names.get(name);
      if (ids.has(name) || now !== use.id) throw at(use.flow.source, `flow "${use.flow.id}": ${use.end} "${name}" ${this.sharedBy(name)}`);
    }
    const links = this.heldLinks;
    this.heldLinks = [];
    this.heldFlows = [];
    return { links, flows };
  }

  private known(): Set<string> {
    if (this.ids === undefined) throw new Error('ReferenceCheck.open() must run before links or flows are checked');
    return this.ids;
  }

  private noteName(name: string | null, id: string): void {
    if (name === null || name === '') return;
    const prev = this.names.get(name);
    if (prev === undefined) this.names.set(name, id);
    else if (typeof prev === 'string') this.names.set(name, { ids: [prev, id] });
    else prev.ids.push(id);
  }

  /** The flow with its endpoints as ids; undefined when one is not (yet) known, unless `final`. */
  private resolveFlow(f: Flow, final: boolean): Flow | undefined {
    const src = this.endpoint(f, 'src', final);
    if (src === undefined) return undefined;
    const dst = this.endpoint(f, 'dst', final);
    if (dst === undefined) return undefined;
    if (src === f.src && dst === f.dst) return f;
    return { ...f, src, dst };
  }

  private endpoint(f: Flow, end: 'src' | 'dst', final: boolean): string | undefined {
    const key = f[end];
    if (this.known().has(key)) return key;
    const named = this.names.get(key);
    if (typeof named === 'string') {
      if (!this.usedNames.has(key)) this.usedNames.set(key, { id: named, flow: f, end });
      return named;
    }
    if (named !== undefined) throw at(f.source, `flow "${f.id}": ${end} "${key}" ${this.sharedBy(key)}`);
    if (final) throw at(f.source, `flow "${f.id}": ${end} "${key}" is neither a device id nor a device name in ${this.where}`);
    return undefined;
  }

  private sharedBy(name: string): string {
    const named = this.names.get(name);
    const ids = typeof named === 'string' ? [named] : (named?.ids ?? []);
    const also = this.ids?.has(name) ? `is the id of one device and the name of ${ids.length === 1 ? 'another' : `${ids.length} others`}` : `is the name of ${ids.length} devices`;
    const list = ids.slice(0, 5).join(', ') + (ids.length > 5 ? ', ...' : '');
    return `${also} (${list}): name the endpoint by its device id`;
  }
}

function at(source: SourceRef, message: string): InputError {
  return new InputError(source.file ?? '(input)', source.line, message);
}
