import type { CDPSession } from 'playwright-core';

/**
 * An attribute of the overlay's host (data-* on its wrapper, inside the page's closed shadow root, where the content
 * script counts its reads and marks its steps): CDP's DOM domain pierces closed roots. Null when there is none.
 */
export async function hostAttribute(session: CDPSession, name: string): Promise<string | null> {
  const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
  type Node = { attributes?: string[]; children?: Node[]; shadowRoots?: Node[] };
  const find = (node: Node): string | null => {
    const at = node.attributes?.indexOf(name) ?? -1;
    if (at >= 0 && at % 2 === 0) return node.attributes?.[at + 1] ?? null;
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
      const found = find(child);
      if (found !== null) return found;
    }
    return null;
  };
  return find(root as Node);
}
