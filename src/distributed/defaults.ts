// Where a deployment's queue lives unless told otherwise: plain constants, kept apart from the
// queue module so that reading them (every CLI command's --help and options) does not load the
// Redis and BullMQ clients.
export const DEFAULT_PREFIX = 'cleanpath';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
