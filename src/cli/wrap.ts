// Prose lines of a table output (a summary, a rule's title and source) wrapped to the terminal
// width at spaces, so they do not run past it as the tables no longer do. Commander's help
// wrapper does the wrapping; it measures display width here (CJK 2, combining marks 0).
import { Help } from 'commander';
import stringWidth from 'string-width';
import { tableWidth } from './terminal.js';

class DisplayWidthHelp extends Help {
  override displayWidth(str: string): number {
    return stringWidth(str);
  }
}

const helper = new DisplayWidthHelp();
helper.minWidthToWrap = 20;

/**
 * Every line wider than `width` wrapped at spaces, its continuation indented two past the line's
 * own indent; lines that fit (the tables') are left as they are. A word longer than the line
 * (a URL) stays whole: cut, it would no longer work.
 */
export function wrapLongLines(text: string, width = tableWidth()): string {
  if (width === Infinity) return text;
  return text
    .split('\n')
    .map((line) => {
      if (stringWidth(line) <= width) return line;
      const indent = /^ */.exec(line)![0].length;
      const body = helper.boxWrap(line.slice(indent), Math.max(20, width - indent - 2));
      return ' '.repeat(indent) + body.split('\n').join('\n' + ' '.repeat(indent + 2));
    })
    .join('\n');
}
