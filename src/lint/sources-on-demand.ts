// Source texts by display path (LintResult.sources), each read when first asked for. A run that
// answers from the results cache, or reuses its units, was not made to read every module: a
// module whose stat proved it unchanged is read only if the report needs its text (code frames,
// suppression comments, fingerprints), and a JSON report needs none.
/** Texts read already are given; the others are read with `textOf` when first asked for. */
export class SourcesOnDemand extends Map<string, string> {
  /** Display path → absolute path of the texts not read yet. */
  private readonly unread: Map<string, string>;

  constructor(
    unread: Map<string, string>,
    texts: Iterable<[string, string]>,
    private readonly textOf: (absPath: string) => string | undefined,
  ) {
    super();
    this.unread = unread;
    for (const [display, text] of texts) super.set(display, text);
  }

  override get(display: string): string | undefined {
    this.load(display);
    return super.get(display);
  }

  override has(display: string): boolean {
    this.load(display);
    return super.has(display);
  }

  override set(display: string, text: string): this {
    this.unread.delete(display);
    return super.set(display, text);
  }

  override delete(display: string): boolean {
    const pending = this.unread.delete(display);
    return super.delete(display) || pending;
  }

  override get size(): number {
    this.loadAll();
    return super.size;
  }

  override entries(): MapIterator<[string, string]> {
    this.loadAll();
    return super.entries();
  }

  override keys(): MapIterator<string> {
    this.loadAll();
    return super.keys();
  }

  override values(): MapIterator<string> {
    this.loadAll();
    return super.values();
  }

  override forEach(callback: (text: string, display: string, map: Map<string, string>) => void, thisArg?: unknown): void {
    this.loadAll();
    super.forEach(callback, thisArg);
  }

  override [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  /** Every display path it holds, its text read or not (reads none). */
  paths(): string[] {
    return [...super.keys(), ...this.unread.keys()];
  }

  private load(display: string): void {
    const absPath = this.unread.get(display);
    if (absPath === undefined) return;
    this.unread.delete(display);
    const text = this.textOf(absPath);
    if (text !== undefined) super.set(display, text);
  }

  private loadAll(): void {
    for (const display of [...this.unread.keys()]) this.load(display);
  }
}

