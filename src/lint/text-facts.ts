// What a report needs from a module's text, kept by the results cache under the text's digest so
// that a re-run does not read an unchanged module again only to print it: whether the text may
// hold a suppression comment (most modules name neither djsec nor a DJS code), and each code-frame
// line the text report printed, masked as it was printed. Reading the ~1,600 modules with findings
// of the bench corpus for these cost a cached run about 15% of its time (BENCHMARKS.md).
//
// A frame is kept with the secret spans that masked it (the findings on its line decide them), so
// a kept line is reused only where the report would print exactly it, and it holds no more of the
// source than the report showed.

/** A code frame's line as the text report prints it: secrets masked, tabs as spaces, cut to 200 characters. */
export interface FrameLine {
  text: string;
  /** Whether masking changed the line (then it gets no caret: columns no longer match). */
  masked: boolean;
}

/** The report-side facts of the run's module texts, by display path (LintResult.textFacts). */
export interface TextFacts {
  /** false when the module's text holds no `djs` (so no suppression comment); undefined when not known. */
  mayHoldDirective(display: string): boolean | undefined;
  /** The frame kept for this line of the module under these secret spans; null: no frame (a blank line, or past the end); undefined: not kept. */
  frame(display: string, line: number, spans: string): FrameLine | null | undefined;
  /** Keeps a frame the report computed from the module's text (read this run). */
  keepFrame(display: string, line: number, spans: string, frame: FrameLine | null): void;
  /** Writes what the report added; called once the report is formatted. */
  save(): void;
}

/** Every directive names djsec or a DJS code (src/lint/suppress.ts): a text without `djs` holds none. */
export function mayHoldDirective(text: string): boolean {
  return /djs/i.test(text);
}
