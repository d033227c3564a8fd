// The part of the `net-snmp` package (3.x, CommonJS, untyped) that the collector uses.
declare module 'net-snmp' {
  namespace snmp {
    interface VarBind {
      oid: string;
      type: number;
      /** Buffer for OctetString/Opaque/Counter64, string for OID/IpAddress, number for integers. */
      value: unknown;
    }

    interface SessionOptions {
      port?: number;
      retries?: number;
      timeout?: number;
      backoff?: number;
      transport?: 'udp4' | 'udp6';
      version?: number;
      idBitsSize?: 16 | 32;
      context?: string;
      backwardsGetNexts?: boolean;
    }

    interface User {
      name: string;
      level: number;
      authProtocol?: number;
      authKey?: string;
      privProtocol?: number;
      privKey?: string;
    }

    interface Session {
      get(oids: string[], callback: (error: Error | null, varbinds: VarBind[]) => void): void;
      subtree(oid: string, maxRepetitions: number, feed: (varbinds: VarBind[]) => boolean | void, done: (error: Error | null) => void): void;
      close(): void;
      on(event: 'error', listener: (error: Error) => void): this;
      on(event: 'close', listener: () => void): this;
    }

    interface Api {
      createSession(target: string, community: string, options?: SessionOptions): Session;
      createV3Session(target: string, user: User, options?: SessionOptions): Session;
      isVarbindError(vb: VarBind): boolean;
      varbindError(vb: VarBind): string;
      Version1: number;
      Version2c: number;
      Version3: number;
      SecurityLevel: { noAuthNoPriv: number; authNoPriv: number; authPriv: number };
      AuthProtocols: { md5: number; sha: number; sha224: number; sha256: number; sha384: number; sha512: number };
      PrivProtocols: { des: number; aes: number; aes256b: number; aes256r: number };
      ObjectType: Record<string, number>;
    }
  }
  const snmp: snmp.Api;
  export = snmp;
}
