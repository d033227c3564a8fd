// The tests' outside peers: see src/test-support/peer.ts (it lives under src/ so that
// src/**/*.test.ts can use it too).
export * from '../../src/test-support/peer.js';
