# An independent verifier of cleanpath's attestations, written against the specs only: DSSE's PAE,
# Ed25519 with Python's cryptography, RFC 9162 inclusion proofs, and the subject digest as SHA-256
# of the flow's canonical JSON (for plain string members, RFC 8785 equals sorted keys, no spaces,
# UTF-8). Reads a JSON job on stdin, prints a JSON answer. Used by python-verifier.test.ts.
import base64, hashlib, json, sys
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def pae(payload_type: bytes, payload: bytes) -> bytes:
    return b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type, len(payload), payload)


def verify(envelope, public_key) -> bool:
    payload = base64.b64decode(envelope["payload"], validate=True)
    message = pae(envelope["payloadType"].encode(), payload)
    for s in envelope["signatures"]:
        try:
            public_key.verify(base64.b64decode(s["sig"], validate=True), message)
            return True
        except (InvalidSignature, ValueError):
            pass
    return False


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def included(leaf_data: bytes, index: int, size: int, path, root: bytes) -> bool:
    # RFC 9162 section 2.1.3.2
    if index >= size:
        return False
    fn, sn, r = index, size - 1, hashlib.sha256(b"\x00" + leaf_data).digest()
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def main():
    job = json.load(sys.stdin)
    key = serialization.load_pem_public_key(job["publicKeyPem"].encode())
    out = {"valid": [], "subjectDigestMatches": [], "included": []}
    for env in job["envelopes"]:
        out["valid"].append(verify(env, key))
        statement = json.loads(base64.b64decode(env["payload"]))
        digest = hashlib.sha256(canonical(statement["predicate"]["flow"])).hexdigest()
        out["subjectDigestMatches"].append(digest == statement["subject"][0]["digest"]["sha256"])
    root_statement = json.loads(base64.b64decode(job["root"]["payload"]))
    root = bytes.fromhex(root_statement["predicate"]["merkle"]["root"])
    out["rootValid"] = verify(job["root"], key)
    for env, proof in zip(job["envelopes"], job["proofs"]):
        path = [bytes.fromhex(h) for h in proof["auditPath"]]
        out["included"].append(included(canonical(env), proof["leafIndex"], root_statement["predicate"]["merkle"]["treeSize"], path, root))
    # the other direction: Python signs a PAE, cleanpath verifies it
    own = Ed25519PrivateKey.generate()
    payload = job["payloadToSign"].encode()
    out["pythonSigned"] = {
        "publicKeyPem": own.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
        "sig": base64.b64encode(own.sign(pae(b"application/vnd.in-toto+json", payload))).decode(),
    }
    json.dump(out, sys.stdout)


main()
