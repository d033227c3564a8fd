// "Download attestation": the flow's signed statement (a DSSE envelope, GET
// /api/snapshots/{s}/attestations/{id}) saved as a file the customer verifies offline with
// `cleanpath verify FILE --pubkey KEY.pub`. The token stays in the Authorization header: the
// file is fetched, then handed to the browser as a blob, never through a URL carrying the token.
import { useState } from 'react';
import type { Api } from '../api.js';
import { Text } from '../Text.js';

interface Props {
  api: Api;
  snapshot: string;
  flow: string;
  untrusted: string;
}

function save(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // the click has started the download; the blob is not needed after this turn
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function AttestationButton({ api, snapshot, flow, untrusted }: Props) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const download = async () => {
    setState({ busy: true, error: null });
    try {
      const envelope = await api.attestation(snapshot, flow, { untrusted });
      save(`${flow.replace(/[^A-Za-z0-9._-]/g, '_')}.dsse.json`, `${JSON.stringify(envelope, null, 2)}\n`);
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <span className="attestation">
      <button type="button" onClick={download} disabled={state.busy} data-testid="download-attestation" title="A signed statement of this flow's verdict and paths, verifiable offline with cleanpath verify">
        {state.busy ? 'Signing…' : 'Download attestation'}
      </button>
      {state.error ? <span className="bad" role="alert"> <Text value={state.error} /></span> : null}
    </span>
  );
}
