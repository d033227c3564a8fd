// The device panel's "Edit" form (issue 14.3): changes a few fields of one device into a NEW
// snapshot through the API's `import --update`, then hands the new snapshot to the shell, which
// switches to it and reopens the device. Snapshots stay immutable; nothing here edits in place.
import { useId, useState, type FormEvent } from 'react';
import { Api, ApiError } from '../api.js';
import {
  blankEdit,
  changedFields,
  currentValue,
  defaultSnapshotName,
  EDIT_FIELDS,
  editCsv,
  fieldsNotTaken,
  invalidReason,
  LAYERS,
  NETWORK_KINDS,
  TECHNOLOGIES,
  type EditField,
  type EditValues,
} from '../device-edit.js';
import type { Device, Role, SnapshotInfo } from '../types.js';
import { plain, Text } from '../Text.js';

/** What a successful edit tells the shell and the reopened panel. */
export interface SavedEdit {
  id: string;
  /** The new snapshot as the import answered it. */
  info: SnapshotInfo;
  base: string;
  /** The fields sent, with the values as typed. */
  sent: Partial<EditValues>;
  /** Sent fields the new snapshot's device does not carry (the importer dropped them). */
  notTaken: EditField[];
}

const CHOICES: Partial<Record<EditField, readonly string[]>> = { layer: LAYERS, technology: TECHNOLOGIES, network: NETWORK_KINDS };

const HINTS: Partial<Record<EditField, string>> = {
  vendor: 'a name or slug, e.g. Huawei: declared evidence',
  country: 'ISO code or English name',
};

/** One labelled input: a select over the model's vocabulary, a date, a number or free text. */
function FieldInput({ d, field, value, onChange }: { d: Device; field: EditField; value: string; onChange: (v: string) => void }) {
  const id = `${useId()}-${field}`;
  const now = currentValue(d, field);
  const choices = CHOICES[field];
  const common = { id, name: field, value, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  return (
    <>
      <label htmlFor={id}>{field}</label>
      {choices ? (
        <select {...common}>
          <option value="">{now ? `unchanged (${plain(now)})` : 'unchanged (none)'}</option>
          {choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : field === 'installed' ? (
        // text, not type=date: Chromium's date input shows no placeholder, and the current date
        // is what the user needs to see; the format is checked before sending (invalidReason), inline
        // like every other error rather than in the browser's own validation bubble
        <input {...common} type="text" inputMode="numeric" placeholder={now ? plain(now) : 'YYYY-MM-DD'} title="YYYY-MM-DD" />
      ) : field === 'cost' ? (
        // text for the same reason: a number input hands over '' for "abc", which would read as
        // "unchanged" instead of being refused
        <input {...common} type="text" inputMode="decimal" autoComplete="off" placeholder={now ? plain(now) : 'not set'} />
      ) : (
        <input {...common} type="text" autoComplete="off" placeholder={now ? plain(now) : HINTS[field] || 'not set'} title={HINTS[field]} />
      )}
    </>
  );
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'error'; message: string };

function EditForm(props: { api: Api; snapshot: string; device: Device; taken: readonly string[]; onSaved: (e: SavedEdit) => void; onCancel: () => void }) {
  const { api, snapshot, device: d, taken, onSaved, onCancel } = props;
  const [values, setValues] = useState<EditValues>(blankEdit);
  const [name, setName] = useState(() => defaultSnapshotName(snapshot, taken));
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const nameId = useId();
  // an error is about what was sent; once the user changes something it no longer applies
  const clearError = (): void => setState((s) => (s.kind === 'error' ? { kind: 'idle' } : s));

  async function save(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    const sent = changedFields(d, values);
    if (Object.keys(sent).length === 0) return setState({ kind: 'error', message: 'nothing to save: fill in at least one field with a new value' });
    const invalid = invalidReason(sent);
    if (invalid) return setState({ kind: 'error', message: invalid });
    const target = name.trim();
    if (target === '') return setState({ kind: 'error', message: 'name the new snapshot' });
    setState({ kind: 'saving' });
    try {
      const info = await api.importUpdate(snapshot, target, 'device-edit.csv', editCsv(d.id, sent));
      // Read the device back to say plainly which values the importer did not take.
      const next = await api.device(info.name, d.id).catch(() => null);
      onSaved({ id: d.id, info, base: snapshot, sent, notTaken: next ? fieldsNotTaken(next, sent) : [] });
    } catch (err) {
      const message = err instanceof ApiError ? `${err.message} (HTTP ${err.status})` : err instanceof Error ? err.message : String(err);
      setState({ kind: 'error', message });
    }
  }

  const saving = state.kind === 'saving';
  return (
    <form className="device-edit" data-testid="device-edit" noValidate onSubmit={(e) => void save(e)} aria-label={`Edit ${plain(d.id)}`}>
      <p className="muted">
        Blank fields stay as they are. Saving writes a new snapshot from <Text value={snapshot} />; <Text value={snapshot} /> itself does not change.
      </p>
      <fieldset disabled={saving}>
        <div className="edit-grid">
          {EDIT_FIELDS.map((f) => (
            <FieldInput key={f} d={d} field={f} value={values[f]} onChange={(v) => {
                clearError();
                setValues((old) => ({ ...old, [f]: v }));
              }} />
          ))}
          <label htmlFor={nameId}>new snapshot</label>
          <input id={nameId} name="snapshot" aria-label="new snapshot" value={name} maxLength={200} required onChange={(e) => {
              clearError();
              setName(e.target.value);
            }} />
        </div>
        <div className="edit-actions">
          <button type="submit" className="primary">
            {saving ? 'Saving…' : 'Save as new snapshot'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </fieldset>
      {state.kind === 'error' ? (
        <p className="bad edit-error" role="alert" data-testid="edit-error">
          Not saved: <Text value={state.message} />
        </p>
      ) : null}
    </form>
  );
}

/**
 * The edit entry point. The role comes from /api/whoami: a viewer is told why there is no form;
 * when the role is not known (whoami failed or is still loading) the form is offered and the
 * server's 403 is shown if the token may not import.
 */
export function DeviceEdit(props: { api: Api; snapshot: string; device: Device; role: Role | null; taken: readonly string[]; onSaved: (e: SavedEdit) => void }) {
  const [open, setOpen] = useState(false);
  if (props.role === 'viewer')
    return (
      <p className="muted" data-testid="edit-denied">
        Editing writes a new snapshot and needs an analyst or admin token; this one is a viewer.
      </p>
    );
  if (!open)
    return (
      <button type="button" className="edit-open" onClick={() => setOpen(true)}>
        Edit…
      </button>
    );
  return <EditForm {...props} onCancel={() => setOpen(false)} />;
}

/** The note on the reopened panel: where the edit went, and any value that did not take. */
export function EditSavedNote({ saved, device }: { saved: SavedEdit; device: Device }) {
  const fields = Object.keys(saved.sent) as EditField[];
  // A declaration is one more piece of evidence, not the truth: say so when other evidence wins.
  const declared = saved.sent.vendor !== undefined ? device.attribution.evidence.find((e) => e.kind === 'declared') : undefined;
  const outweighed = declared?.vendor && declared.vendor !== device.vendor ? declared.vendor : null;
  return (
    <div className="edit-saved" role="status" data-testid="edit-saved">
      Saved as snapshot{' '}
      <b>
        <Text value={saved.info.name} />
      </b>{' '}
      (from <Text value={saved.base} />): {fields.join(', ')} of <Text value={device.id} />.
      {outweighed ? (
        <div className="warn" data-testid="edit-outweighed">
          Declared <Text value={outweighed} />, but the other evidence attributes the device to <Text value={device.vendor ?? 'no maker'} />: see the evidence and conflicts below.
        </div>
      ) : null}
      {saved.notTaken.length ? (
        <div className="warn" data-testid="edit-not-taken">
          Not taken by the import, left as before:{' '}
          {saved.notTaken.map((f, i) => (
            <span key={f}>
              {i ? ', ' : ''}
              {f} '<Text value={saved.sent[f]} />'
            </span>
          ))}
          {saved.notTaken.includes('country') ? ' (not an ISO 3166 code or English country name)' : ''}.
        </div>
      ) : null}
    </div>
  );
}
