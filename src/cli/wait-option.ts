// `--wait SECONDS` of every command that writes to the store: how long to wait for another
// process's import to release an SQLite store (issue 16 point 2) before exiting 2 "store busy,
// retry". The wait is said on stderr when it starts, so a silent pause is never a mystery.
import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_WAIT_SECONDS, type OpenStoreOptions } from '../store/index.js';

export function waitOption(): Option {
  return new Option('--wait <seconds>', 'how long to wait for another import writing to the same SQLite store, then exit 2 "store busy, retry"')
    .default(DEFAULT_WAIT_SECONDS)
    .argParser(parseWait);
}

function parseWait(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of seconds (0 or more)');
  return n;
}

/** The store options for `--wait`: `beforeMessage` clears a progress line first. */
export function waitOptions(seconds: number, beforeMessage: () => void = () => undefined): Pick<OpenStoreOptions, 'wait' | 'onBusy'> {
  return {
    wait: seconds,
    onBusy: (message) => {
      beforeMessage();
      process.stderr.write(`cleanpath: ${message} (up to ${seconds} s, --wait)\n`);
    },
  };
}
