// Source texts by display path (LintResult.sources), each read when first asked for. A run that
// answers from the results cache, or reuses its units, was not made to read every module: a
// module whose stat proved it unchanged is read only if the report needs its text (code frames,
// suppression comments, fingerprints), and a JSON report needs none.
/** Texts read already are given; the others are read with `textOf` when first asked for. */
export class SourcesOnDemand extends Map {
    textOf;
    /** Display path → absolute path of the texts not read yet. */
    unread;
    constructor(unread, texts, textOf) {
        super();
        this.textOf = textOf;
        this.unread = unread;
        for (const [display, text] of texts)
            super.set(display, text);
    }
    get(display) {
        this.load(display);
        return super.get(display);
    }
    has(display) {
        this.load(display);
        return super.has(display);
    }
    set(display, text) {
        this.unread.delete(display);
        return super.set(display, text);
    }
    delete(display) {
        const pending = this.unread.delete(display);
        return super.delete(display) || pending;
    }
    get size() {
        this.loadAll();
        return super.size;
    }
    entries() {
        this.loadAll();
        return super.entries();
    }
    keys() {
        this.loadAll();
        return super.keys();
    }
    values() {
        this.loadAll();
        return super.values();
    }
    forEach(callback, thisArg) {
        this.loadAll();
        super.forEach(callback, thisArg);
    }
    [Symbol.iterator]() {
        return this.entries();
    }
    /** Every display path it holds, its text read or not (reads none). */
    paths() {
        return [...super.keys(), ...this.unread.keys()];
    }
    load(display) {
        const absPath = this.unread.get(display);
        if (absPath === undefined)
            return;
        this.unread.delete(display);
        const text = this.textOf(absPath);
        if (text !== undefined)
            super.set(display, text);
    }
    loadAll() {
        for (const display of [...this.unread.keys()])
            this.load(display);
    }
}
