export * from './enums.js';
export * from './evidence.js';
export * from './device.js';
export * from './topology.js';
export * from './batch.js';
export * from './errors.js';
export * from './closest.js';
export * from './country.js';
