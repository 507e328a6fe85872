/**
 * A contactpersoon as answers carry it (Contactpersoon_v1.xsd): the Contactpersoon group with
 * exactly the fields and types of WijzigenContactpersoon's groups, so that a CVS can send back what
 * it read. OpvragenPersoon, the contactpersonen operations and the koppelingen answer with it.
 */
import type { ContactpersoonGegevens } from '../domain/dossier.js';
import type { XmlContent } from '../soap/respond.js';

export function contactpersoon(c: ContactpersoonGegevens): XmlContent {
  return {
    Volgnummer: c.volgnummer,
    Naam: c.naam,
    Email: c.email,
    Telefoonnummer: c.telefoonnummer,
    AlgemeenContactpersoon: c.algemeen ? 'J' : 'N',
  };
}
