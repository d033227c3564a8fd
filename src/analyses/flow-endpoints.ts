// Flows given beside a topology name their endpoints as people know them: by device id, or by a
// device name when that name is unique. A name that matches nothing, or several devices, is an
// error at the flow's file and line — never a flow silently dropped or routed to the wrong node.
import type { FlowInput } from '../graph/index.js';
import { didYouMean } from '../model/closest.js';
import { InputError, type DeviceRecord, type Flow } from '../model/index.js';

/** A string from a file, bounded for an error message. */
export function quoted(s: string, max = 60): string {
  return `'${s.length > max ? `${s.slice(0, max)}...` : s}'`;
}

/** Most candidates offered to "did you mean": the suggestion scan stays cheap on big topologies. */
const MAX_SUGGEST = 5000;

export class FlowEndpoints {
  private readonly ids = new Set<string>();
  /** name -> the ids of every device bearing it */
  private readonly byName = new Map<string, string[]>();

  /** `topology` names the device file in messages. */
  constructor(devices: readonly DeviceRecord[], private readonly topology: string) {
    for (const d of devices) {
      this.ids.add(d.id);
      if (d.name === undefined) continue;
      const same = this.byName.get(d.name);
      if (same === undefined) this.byName.set(d.name, [d.id]);
      else same.push(d.id);
    }
  }

  /** The flow with both endpoints as device ids; InputError at the flow's line otherwise. */
  resolve(f: Flow): FlowInput {
    return { id: f.id, src: this.idOf(f, f.src, 'source'), dst: this.idOf(f, f.dst, 'destination'), class: f.class, volume: f.volume };
  }

  /** An id wins over a name: ids are what the topology's own links use. */
  private idOf(f: Flow, value: string, end: string): string {
    if (this.ids.has(value)) return value;
    const named = this.byName.get(value.trim());
    if (named?.length === 1) return named[0]!;
    const at = (msg: string) => new InputError(f.source.file ?? this.topology, f.source.line, `flow ${quoted(f.id)}: ${end} ${quoted(value)} ${msg}`);
    if (named !== undefined) {
      throw at(`is the name of ${named.length} devices of ${this.topology} (ids ${named.slice(0, 5).map((x) => quoted(x)).join(', ')}${named.length > 5 ? ', ...' : ''}): name it by id`);
    }
    throw at(`is neither a device id nor a device name of ${this.topology}${didYouMean(value, this.candidates())}`);
  }

  private candidates(): string[] {
    const all = [...this.byName.keys(), ...this.ids];
    return all.length > MAX_SUGGEST ? all.slice(0, MAX_SUGGEST) : all;
  }
}
