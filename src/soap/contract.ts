/**
 * Serves the contract: GET <endpoint>?wsdl gives the WSDL (written from the registry, wsdl.ts) with
 * the real endpoint address, and the schemas it imports resolve to <endpoint>?xsd=<file>, which
 * this module serves as well.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export class Contract {
  private readonly xsds = new Map<string, string>();

  constructor(
    private readonly wsdl: string,
    xsdDir: string,
  ) {
    for (const file of readdirSync(xsdDir).filter((f) => f.endsWith('.xsd'))) {
      this.xsds.set(file, readFileSync(join(xsdDir, file), 'utf8'));
    }
  }

  wsdlFor(endpoint: string): string {
    return this.wsdl
      .replace(/(<soap:address\s+location=")[^"]*(")/, `$1${escapeAttr(endpoint)}$2`)
      .replace(/schemaLocation="\.\.\/xsd\/([^"]+)"/g, (_all, file: string) => `schemaLocation="${escapeAttr(`${endpoint}?xsd=${file}`)}"`);
  }

  /** The schema `file`, with its includes pointing to the endpoint; undefined for an unknown name. */
  xsdFor(file: string, endpoint: string): string | undefined {
    const text = this.xsds.get(file);
    return text?.replace(/schemaLocation="([^"/]+\.xsd)"/g, (_all, name: string) => `schemaLocation="${escapeAttr(`${endpoint}?xsd=${name}`)}"`);
  }
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
