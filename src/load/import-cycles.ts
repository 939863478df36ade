import type { Metafile } from "esbuild";

/**
 * The circular imports among the modules of one bundle (`inputs`, paths as esbuild's metafile
 * writes them): each circle as the sorted list of its modules. Dynamic imports do not count: they
 * run after every module of the circle has been evaluated.
 */
export function findImportCycles(metafile: Metafile, inputs: readonly string[]): string[][] {
  const inBundle = new Set(inputs);
  const edges = new Map<string, string[]>();
  for (const input of inputs) {
    const imports = metafile.inputs[input]?.imports ?? [];
    edges.set(input, imports.filter((entry) => !entry.external && entry.kind !== "dynamic-import" && inBundle.has(entry.path)).map((entry) => entry.path));
  }
  return stronglyConnected(edges)
    .filter((component) => component.length > 1 || edges.get(component[0]!)!.includes(component[0]!))
    .map((component) => component.sort())
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** What to do about a value that was still undefined because of a circular import. */
export const CYCLE_HINT = "break the circle: move what the modules share into a module that imports none of them, or import it where it is used, inside a function";

/** One sentence naming the modules of each circle: "lib/a.ts and lib/b.ts import each other". */
export function describeCycles(cycles: readonly (readonly string[])[]): string {
  return cycles
    .map((modules) => (modules.length === 1 ? `${modules[0]} imports itself` : `${modules.slice(0, -1).join(", ")} and ${modules.at(-1)} import each other`))
    .join("; ");
}

// Tarjan's algorithm, iterative so a long chain of imports cannot overflow the stack.
function stronglyConnected(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const indexOf = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const start of edges.keys()) {
    if (indexOf.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    indexOf.set(start, next);
    lowLink.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work.at(-1)!;
      const targets = edges.get(frame.node) ?? [];
      if (frame.edge < targets.length) {
        const target = targets[frame.edge++]!;
        if (!indexOf.has(target)) {
          indexOf.set(target, next);
          lowLink.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, indexOf.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) === indexOf.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
