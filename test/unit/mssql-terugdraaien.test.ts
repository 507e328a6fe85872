/**
 * A SQL Server transaction that failed is rolled back; a connection whose rollback failed for any
 * reason but the server's own abort (XACT_ABORT) is closed and leaves the pool, so that nobody
 * joins the transaction it may still hold. mssql's Transaction is real where it can be without a
 * server (its lending of the connection before begin), a stand-in where only a server could make a
 * rollback fail.
 */
import { expect } from 'chai';
import mssql from 'mssql';
import { terugdraaien, verbindingVan, type TeBeeindigen, type Verbinding } from '../../src/store/mssql/uitvoeren.js';

function standIn(rollback: () => Promise<void>) {
  const log: string[] = [];
  const verbinding: Verbinding = { close: () => void log.push('close') };
  const tx: TeBeeindigen = {
    rollback,
    acquire: (_r, cb) => setImmediate(cb, null, verbinding),
    release: () => log.push('tx release'),
  };
  const pool = { release: (v: Verbinding) => log.push(v === verbinding ? 'pool release' : 'pool release of another') };
  return { tx, verbinding, pool, log };
}

const fout = (code: string) => Object.assign(new Error(code), { code });

describe('a failed SQL Server transaction', () => {
  it("borrows its connection the way mssql's Transaction lends it to a request", async () => {
    expect(mssql.Transaction.prototype).to.respondTo('acquire');
    expect(mssql.Transaction.prototype).to.respondTo('release');
    const pool = new mssql.ConnectionPool({ server: 'localhost', options: { trustServerCertificate: true } });
    // Not begun: mssql lends nothing, and the rollback has no connection to discard.
    expect(await verbindingVan(new mssql.Transaction(pool) as unknown as TeBeeindigen)).to.equal(undefined);
    const { tx, verbinding, log } = standIn(async () => undefined);
    expect(await verbindingVan(tx)).to.equal(verbinding);
    expect(log).to.deep.equal(['tx release']);
  });

  it('keeps its connection when the rollback succeeds, or the server had rolled it back (EABORT)', async () => {
    for (const rollback of [async () => undefined, async () => Promise.reject(fout('EABORT'))]) {
      const { tx, verbinding, pool, log } = standIn(rollback);
      expect(await terugdraaien(tx, verbinding, pool)).to.equal(false);
      expect(log).to.deep.equal([]);
    }
  });

  it('closes its connection and gives its pool place back when the rollback failed otherwise', async () => {
    for (const code of ['ETIMEOUT', 'EREQINPROG', 'ECONNCLOSED']) {
      const { tx, verbinding, pool, log } = standIn(async () => Promise.reject(fout(code)));
      expect(await terugdraaien(tx, verbinding, pool), code).to.equal(true);
      expect(log).to.deep.equal(['close', 'pool release']);
    }
  });
});
