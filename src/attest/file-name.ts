// A file name for a flow's attestation: the CLI's folder layout and the API's download name.
import { sha256Hex } from './canonical.js';

/** Safe characters kept, the rest replaced, a digest of the id against collisions (and case-insensitive file systems). */
export function flowFileName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 80);
  return `${safe}-${sha256Hex(id).slice(0, 10)}`;
}
