/** Every inzage record of one person, oldest first: the store's search of the trail, slice after slice. */
import type { InzageRegel, Store } from '../../src/store/port.js';

export async function inzagesVan(store: Pick<Store, 'zoekInzages'>, bsnPseudoniem: string): Promise<InzageRegel[]> {
  const uit: InzageRegel[] = [];
  for (let na: InzageRegel | undefined; ; ) {
    const plak = await store.zoekInzages({ bsnPseudoniem }, na);
    if (plak.length === 0) return uit;
    uit.push(...plak);
    na = plak[plak.length - 1];
  }
}
