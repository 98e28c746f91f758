// What a report needs from a module's text, kept by the results cache under the text's digest so
// that a re-run does not read an unchanged module again only to print it: whether the text may
// hold a suppression comment (most modules name neither djsec nor a DJS code), and each code-frame
// line the text report printed, masked as it was printed. Reading the ~1,600 modules with findings
// of the bench corpus for these cost a cached run about 15% of its time (BENCHMARKS.md).
//
// A frame is kept with the secret spans that masked it (the findings on its line decide them), so
// a kept line is reused only where the report would print exactly it, and it holds no more of the
// source than the report showed.
/** Every directive names djsec or a DJS code (src/lint/suppress.ts): a text without `djs` holds none. */
export function mayHoldDirective(text) {
    return /djs/i.test(text);
}
