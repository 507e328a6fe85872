import { expect } from 'chai';
import { niveauRegel } from '../../src/rules/opvoeren-wijzigen-pip.js';

describe('leerroute and niveau (appendix 4.2 b)', () => {
  const table: Array<[string, 'O' | 'B' | 'Z', 'A2' | 'B1' | undefined, boolean, string | undefined, string | undefined]> = [
    ['O empty: B1', 'O', undefined, false, 'B1', undefined],
    ['O A2: FS 641', 'O', 'A2', true, 'A2', 'niveauNietToegestaan'],
    ['O B1', 'O', 'B1', false, 'B1', undefined],
    ['B empty: B1', 'B', undefined, true, 'B1', undefined],
    ['B A2 initial: FS 641', 'B', 'A2', false, 'A2', 'niveauNietToegestaan'],
    ['B A2 wijziging: AS 605', 'B', 'A2', true, 'A2', 'niveauWijktAf'],
    ['B B1', 'B', 'B1', false, 'B1', undefined],
    ['Z empty', 'Z', undefined, false, undefined, undefined],
    ['Z A2: AS 605', 'Z', 'A2', false, 'A2', 'niveauWijktAf'],
    ['Z B1: FS 641', 'Z', 'B1', true, 'B1', 'niveauNietToegestaan'],
  ];
  for (const [name, leerroute, niveau, wijziging, effectief, melding] of table) {
    it(name, () => {
      const regel = niveauRegel(leerroute, niveau, wijziging);
      expect(regel.niveau).to.equal(effectief);
      expect(regel.melding).to.equal(melding);
    });
  }
});
