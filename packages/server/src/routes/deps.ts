/** What the API's handlers work with. */
import type { Kb } from '@opis/kb';

export interface ApiDeps {
  readonly kb: Kb;
  /** Every key of the archival sources tree (archive, fond, opis, delo), computed once. */
  sourceKeys(): ReadonlySet<string>;
}

export function apiDeps(kb: Kb): ApiDeps {
  let keys: Set<string> | undefined;
  return {
    kb,
    sourceKeys() {
      if (!keys) {
        keys = new Set();
        const stack = [...kb.sourcesTree()];
        for (let n = stack.pop(); n; n = stack.pop()) {
          keys.add(n.key);
          stack.push(...n.children);
        }
      }
      return keys;
    },
  };
}
