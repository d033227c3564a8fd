import { InputError } from '../../model/index.js';

/** Remembers where each id was first seen so a duplicate names both lines. */
export class UniqueIds {
  private readonly first = new Map<string, number>();
  constructor(private readonly file: string, private readonly what: string) {}

  add(id: string, line: number): void {
    const prev = this.first.get(id);
    if (prev !== undefined) {
      throw new InputError(this.file, line, `duplicate ${this.what} id '${id}' (first on line ${prev})`);
    }
    this.first.set(id, line);
  }
}
