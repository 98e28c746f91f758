// Syntax helpers over tree-sitter nodes that the evaluator and the statement walker share:
// origins, named children, if/elif/else arms, and the names an assignment target or a compound
// statement binds. Pure reads of the tree; nothing here evaluates.
import type { SyntaxNode } from './parse.js';
import type { Origin } from './values.js';

export function originOf(node: SyntaxNode, file: string): Origin {
  // Each position is a call into the parser binding: read each once.
  const start = node.startPosition;
  const end = node.endPosition;
  return { file, line: start.row + 1, column: start.column + 1, endLine: end.row + 1, endColumn: end.column + 1 };
}

/** Named children, skipping comments. */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  // One binding call for the list: per-index access crosses into the parser twice per child.
  return node.namedChildren.filter((c) => c.type !== 'comment');
}
export interface Branch {
  condition: SyntaxNode | null;
  body: SyntaxNode[];
}

/** The if / elif / else arms of an if_statement, in order. */
export function ifBranches(node: SyntaxNode): Branch[] {
  const branches: Branch[] = [];
  const blockOf = (n: SyntaxNode | null) => (n ? namedChildren(n) : []);
  branches.push({ condition: node.childForFieldName('condition'), body: blockOf(node.childForFieldName('consequence')) });
  for (const alt of node.childrenForFieldName('alternative')) {
    if (!alt) continue;
    if (alt.type === 'elif_clause') {
      branches.push({ condition: alt.childForFieldName('condition'), body: blockOf(alt.childForFieldName('consequence')) });
    } else if (alt.type === 'else_clause') {
      branches.push({ condition: null, body: blockOf(alt.childForFieldName('body')) });
    }
  }
  return branches;
}

export function handlerBody(clause: SyntaxNode): SyntaxNode[] {
  const block = namedChildren(clause).filter((c) => c.type === 'block').pop();
  return block ? namedChildren(block) : [];
}

/** Identifiers bound by an assignment target pattern, in source order (iterative: targets can nest deeply). */
export function identifiersIn(root: SyntaxNode): string[] {
  const out: string[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'identifier') out.push(node.text);
    else stack.push(...namedChildren(node).reverse());
  }
  return out;
}

/** Module-level names a compound statement may assign (loop bodies, match arms). */
export function assignedNames(root: SyntaxNode): Set<string> {
  const names = new Set<string>();
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') continue;
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = node.childForFieldName('left');
      if (left) for (const name of rootNames(left)) names.add(name);
    } else if (node.type === 'for_statement') {
      const left = node.childForFieldName('left');
      if (left) for (const name of identifiersIn(left)) names.add(name);
    } else if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      if (fn?.type === 'attribute') {
        const object = fn.childForFieldName('object');
        if (object) for (const name of rootNames(object)) names.add(name);
      }
    }
    for (const child of namedChildren(node)) stack.push(child);
  }
  return names;
}

export function rootNames(target: SyntaxNode): string[] {
  let node = target;
  while (node.type === 'subscript' || node.type === 'attribute') node = node.childForFieldName(node.type === 'subscript' ? 'value' : 'object')!;
  return identifiersIn(node);
}

export function globalsDeclared(fn: SyntaxNode): string[] {
  const out: string[] = [];
  const stack: SyntaxNode[] = [fn.childForFieldName('body')!];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!node) continue;
    if (node.type === 'global_statement') out.push(...namedChildren(node).map((n) => n.text));
    else if (node.type !== 'function_definition' && node.type !== 'class_definition') stack.push(...namedChildren(node));
  }
  return out;
}
