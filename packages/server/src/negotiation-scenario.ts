import type { Scenario } from "@entente/core";
import type { Negotiation, Store } from "@entente/store";

const cache = new Map<string, Scenario>();

/** The scenario version a negotiation is built on (versions never change, so caching is safe). */
export async function negotiationScenario(store: Store, n: Negotiation): Promise<Scenario> {
  const key = `${store.db.kind}:${n.scenarioId}:${n.scenarioVersion}`;
  let s = cache.get(key);
  if (!s) {
    s = (await store.scenarioVersion(n.scenarioId, n.scenarioVersion)).parsed as Scenario;
    if (cache.size > 100) cache.clear();
    cache.set(key, s);
  }
  return s;
}
