import { InputError } from '../../model/index.js';
import type { ImportBatch } from '../../model/index.js';
import { isObject, parseJson } from '../json/parse.js';
import type { JsonObject, JsonValue } from '../json/parse.js';
import type { ImportReader, ReaderOptions } from '../types.js';
import { readWholeFile } from '../util/read-whole.js';
import { ShapeReader, scalarOrUndefined, str } from './json-access.js';
import { netboxBatch } from './model.js';
import type { NbCable, NbCableEnd, NbDevice, NbSite } from './model.js';

export function netboxDumpdataReader(file: string, _opts: ReaderOptions): ImportReader {
  return {
    format: 'netbox-dumpdata',
    file,
    async *batches() {
      yield readNetboxDumpdata(file, await readWholeFile(file));
    },
  };
}

/**
 * NetBox's Django `dumpdata` JSON: a list of `{model, pk, fields}`. Foreign keys are primary
 * keys; cable ends are `dcim.cabletermination` rows whose `termination_type` is the natural key
 * `[app_label, model]`.
 */
export function readNetboxDumpdata(file: string, text: string): ImportBatch {
  const doc = parseJson(text, file);
  if (!Array.isArray(doc.value)) throw new InputError(file, 1, 'expected a dumpdata list of {model, pk, fields}');
  const shape = new ShapeReader(file, doc);
  const byModel = groupRows(shape, doc.value);
  const rows = (model: string) => byModel.get(model) ?? [];
  const names = (model: string, field: string) => new Map(rows(model).map((r) => [r.pk, shape.str(r.f, field)]));

  const manufacturers = names('dcim.manufacturer', 'name');
  const deviceTypes = new Map(rows('dcim.devicetype').map((r) => [r.pk, { model: shape.str(r.f, 'model'), mfr: shape.str(r.f, 'manufacturer') }]));
  const roles = names('dcim.devicerole', 'name');
  const siteSlug = names('dcim.site', 'slug');
  const sites: NbSite[] = rows('dcim.site').map((r) => {
    const s: NbSite = { pk: r.pk, line: r.line, lat: scalarOrUndefined(r.f['latitude']), lon: scalarOrUndefined(r.f['longitude']) };
    const name = shape.str(r.f, 'name');
    const slug = shape.str(r.f, 'slug');
    if (name) s.name = name;
    if (slug) s.slug = slug;
    return s;
  });
  const devices: NbDevice[] = rows('dcim.device').map((r) => {
    const d: NbDevice = { pk: r.pk, line: r.line };
    const type = deviceTypes.get(shape.str(r.f, 'device_type') ?? '');
    const set = (k: 'name' | 'manufacturer' | 'model' | 'role' | 'serial' | 'status', v: string | undefined) => {
      if (v) d[k] = v;
    };
    set('name', shape.str(r.f, 'name'));
    set('model', type?.model);
    set('manufacturer', manufacturers.get(type?.mfr ?? ''));
    // `role` since NetBox 3.6, `device_role` before.
    set('role', roles.get(shape.str(r.f, 'role') ?? shape.str(r.f, 'device_role') ?? ''));
    set('serial', shape.str(r.f, 'serial'));
    set('status', shape.choice(r.f, 'status'));
    const sitePk = shape.str(r.f, 'site');
    if (sitePk) {
      const slug = siteSlug.get(sitePk);
      d.site = slug ? { pk: sitePk, slug } : { pk: sitePk };
    }
    return d;
  });
  const interfaces = new Map(rows('dcim.interface').map((r) => [r.pk, { device: shape.str(r.f, 'device'), name: shape.str(r.f, 'name') }]));
  const cables = new Map<string, NbCable>();
  for (const r of rows('dcim.cable')) {
    const c: NbCable = { pk: r.pk, a: [], b: [], line: r.line };
    const label = shape.str(r.f, 'label');
    const type = shape.str(r.f, 'type');
    const status = shape.choice(r.f, 'status');
    if (label) c.label = label;
    if (type) c.type = type;
    if (status) c.status = status;
    cables.set(r.pk, c);
  }
  for (const r of rows('dcim.cabletermination')) {
    const cable = cables.get(shape.str(r.f, 'cable') ?? '');
    const tt = r.f['termination_type'];
    const type = Array.isArray(tt) ? tt.map((x) => str(x) ?? '').join('.') : (shape.str(r.f, 'termination_type') ?? '');
    const objectId = shape.str(r.f, 'termination_id') ?? '';
    if (!cable) continue;
    const end: NbCableEnd = { type, objectId };
    if (type === 'dcim.interface') {
      const itf = interfaces.get(objectId);
      if (itf?.device) end.devicePk = itf.device;
      if (itf?.name) end.name = itf.name;
    }
    (shape.str(r.f, 'cable_end') === 'B' ? cable.b : cable.a).push(end);
  }
  return netboxBatch('netbox-dumpdata', file, {
    manufacturers: manufacturers.size,
    deviceTypes: deviceTypes.size,
    sites,
    devices,
    cables: [...cables.values()],
  });
}

type Row = { pk: string; f: JsonObject; line: number };

/**
 * Every element must be a dumpdata row `{model, fields}`; rows of the dcim models read here also
 * need a `pk` (other apps' rows may carry natural keys instead). Rows grouped by model.
 */
function groupRows(shape: ShapeReader, list: JsonValue[]): Map<string, Row[]> {
  const byModel = new Map<string, Row[]>();
  for (const row of shape.objects(list, 'a dumpdata list')) {
    const model = shape.str(row, 'model');
    if (model === undefined) shape.fail(row, undefined, 'dumpdata row without a "model" (expected {model, pk, fields})');
    const fields = shape.obj(row, 'fields');
    if (fields === undefined) shape.fail(row, 'fields', `"fields" of this ${model} row must be an object, got ${row['fields'] === undefined ? 'nothing' : 'null'}`);
    const pk = shape.str(row, 'pk');
    if (!model.startsWith('dcim.')) continue;
    if (pk === undefined) shape.fail(row, undefined, `${model} row without a "pk"`);
    let rows = byModel.get(model);
    if (!rows) byModel.set(model, (rows = []));
    rows.push({ pk, f: fields, line: shape.lineOf(row) });
  }
  return byModel;
}
