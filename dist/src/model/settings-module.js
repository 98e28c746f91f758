/**
 * Adds an import's edges to its importer's, each once: through diamond-shaped imports the same
 * edges arrive by many paths, and copying them all grows exponentially with the depth.
 */
export function addEdges(result, edges) {
    let keys = edgeKeys.get(result);
    if (!keys) {
        keys = new Set(result.edges.map(edgeKey));
        edgeKeys.set(result, keys);
    }
    for (const edge of edges) {
        const key = edgeKey(edge);
        if (keys.has(key))
            continue;
        keys.add(key);
        result.edges.push(edge);
    }
}
const edgeKeys = new WeakMap();
const edgeKey = (e) => `${e.from}\u0000${e.to}\u0000${e.kind}\u0000${e.conditional}\u0000${e.origin.line}:${e.origin.column}`;
