// The data types the model hands to the stages above it: a module's effective settings
// (SettingsModule), its import edges and notes, and the import chain (one Python process) it was
// evaluated in. addEdges keeps edges unique as imports merge them.
import type { EnvWrite } from './scope.js';
import type { LoadedModule } from './loader.js';
import type { LibraryCall, Origin, Value } from './values.js';

export type NoteKind = 'import-cycle' | 'unresolved-import' | 'dynamic-globals';

export interface ModelNote {
  kind: NoteKind;
  message: string;
  origin: Origin;
}

export interface ImportEdge {
  from: string;
  to: string;
  kind: 'star' | 'names' | 'include';
  /** Inside an undecidable branch or an optional (try/except ImportError) import. */
  conditional: boolean;
  /** In a branch the default world skips (walked only on a discarded copy): not what runs when every variable is unset. */
  skipped?: boolean;
  origin: Origin;
}

/** A module's effective settings after its walk (and everything it imports). */
export interface SettingsModule {
  module: LoadedModule;
  ns: ReadonlyMap<string, Value>;
  /** Where each name was last assigned (the statement). */
  assignedAt: ReadonlyMap<string, Origin>;
  /** True when globals() was written: unassigned settings are unknown, not Django's default. */
  poisoned: boolean;
  /** Import edges seen while evaluating this module, transitively. */
  edges: ImportEdge[];
  notes: ModelNote[];
  /** Every file whose statements contributed, this module first. */
  files: string[];
  /** os.environ writes by this module and what it imports, in order (DJANGO_ALLOW_ASYNC_UNSAFE ...). */
  envWrites: EnvWrite[];
  /**
   * Every call into a library the model does not run (boto3) that this module and what it
   * star-imports made, kept or not: a key written into one is in the source either way (DJS210).
   */
  libraryCalls: LibraryCall[];
  /**
   * The import chain this module was evaluated in (for an entry: its own), as Python's process
   * would hold it: os.environ as the chain has set it, and the modules it has run.
   */
  chain: ImportChain;
  /** Where a finding about a setting it lacks points (a deployed settings class's line); line 1 when unset. */
  missingAt?: Origin;
}


/**
 * What one settings chain shares, as one Python process does: os.environ (the deployed variables
 * are kept apart, in the session) and the modules already run (sys.modules: a module runs once).
 * Another entry is another process, with a chain of its own.
 */
export interface ImportChain {
  env: Map<string, Value>;
  ran: Map<string, SettingsModule>;
  /** Every variable the chain's modules read or wrote: what a run in another chain depends on. */
  touched: Set<string>;
}

/**
 * Adds an import's edges to its importer's, each once: through diamond-shaped imports the same
 * edges arrive by many paths, and copying them all grows exponentially with the depth.
 */
export function addEdges(result: SettingsModule, edges: readonly ImportEdge[]): void {
  let keys = edgeKeys.get(result);
  if (!keys) {
    keys = new Set(result.edges.map(edgeKey));
    edgeKeys.set(result, keys);
  }
  for (const edge of edges) {
    const key = edgeKey(edge);
    if (keys.has(key)) continue;
    keys.add(key);
    result.edges.push(edge);
  }
}

const edgeKeys = new WeakMap<SettingsModule, Set<string>>();
const edgeKey = (e: ImportEdge) => `${e.from}\u0000${e.to}\u0000${e.kind}\u0000${e.conditional}\u0000${e.origin.line}:${e.origin.column}`;
