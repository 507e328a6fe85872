/**
 * The melding catalogue: every row of appendix 4.2 of the Handleiding Portal Inburgering Wi2021,
 * per handeling (a-j), with its number and its exact text; and, marked as additions, the FS 999
 * meldingen for rules that chapter 3 states but the appendix gives no number (docs/design.md "The
 * contract").
 *
 * This module is the only place where melding texts live. Rules refer to a row by handeling and
 * key, and fill its placeholders with `vul`.
 */

export type Soort = 'FS' | 'AS';
export type Handeling = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j';

export interface MeldingDef {
  readonly soort: Soort;
  readonly nummer: number;
  /** The text as the appendix writes it, placeholders included. */
  readonly tekst: string;
  /** The appendix's "Controle": when the melding applies. */
  readonly controle: string;
  /** True for an FS 999 that the appendix does not list (docs/design.md "The contract"). */
  readonly toevoeging?: true;
}

/** A melding as it goes out in a response. */
export interface Melding {
  readonly soort: Soort;
  readonly nummer: number;
  readonly tekst: string;
  readonly groep?: number;
  readonly veld?: string;
}

const fs = (nummer: number, tekst: string, controle: string): MeldingDef => ({ soort: 'FS', nummer, tekst, controle });
const at = (nummer: number, tekst: string, controle: string): MeldingDef => ({ soort: 'AS', nummer, tekst, controle });
/** An addition: a rule of chapter 3 (or DUO's) for which the appendix has no melding. */
const fs999 = (tekst: string, controle: string): MeldingDef => ({ soort: 'FS', nummer: 999, tekst, controle, toevoeging: true });

export const bijlage42 = {
  a: {
    titel: "Opvragen van gegevens van een persoon",
    meldingen: {
      bsnOngeldig: fs(603, "BSN is ongeldig", "Formaatcontrole op BSN."),
      nietRelevant: fs(617, "Persoon is volgens de BRP niet woonachtig in uw gemeente", "Persoon niet woonachtig in gemeente."),
      nietWi2021: fs(636, "Persoon valt niet onder WI2021", "Controle op wetgeving."),
      nietInIsi: fs(642, "BSN kan niet in ISI gevonden worden", "Persoon niet gevonden in ISI."),
      nietInburgeringsplichtig: fs(655, "Persoon is niet inburgeringsplichtig", "Controle of de persoon inburgeringsplichtig is."),
      overleden: at(602, "Persoon is volgens BRP overleden", "Is persoon volgens BRP overleden?"),
    },
  },
  b: {
    titel: "Opvoeren en wijzigen PIP-gegevens",
    meldingen: {
      overleden: fs(602, "Persoon is volgens BRP overleden", "Is persoon volgens BRP overleden?"),
      bsnOngeldig: fs(603, "BSN is ongeldig", "Formaatcontrole op BSN."),
      nietRelevant: fs(617, "Persoon is volgens de BRP niet woonachtig in uw gemeente", "Persoon niet woonachtig in gemeente."),
      nietWi2021: fs(636, "Persoon valt niet onder WI2021", "Controle op wetgeving."),
      dagtekeningVoorStartPlichtWijziging: fs(638, "Datum dagtekening PIP moet op of na startdatum inburgeringsplicht liggen.", "Datum dagtekening (huidige) PIP moet op of na startdatum inburgeringsplicht liggen. Alleen bij een wijziging."),
      geenWijziging: fs(640, "Alle velden hebben dezelfde waarde als de actuele waarden", "Controle of er een wijziging in een veld is t.o.v. de reeds bestaande actuele PIP."),
      niveauNietToegestaan: fs(641, "Niveau is niet toegestaan", "Zie tabellen hieronder."),
      nietInIsi: fs(642, "BSN kan niet in ISI gevonden worden", "Persoon niet gevonden in ISI."),
      contactOnbekend: fs(650, "Contact onbekend", "Controle of er een contact gevonden kan worden met de opgegeven contact volgnummer."),
      nietInburgeringsplichtig: fs(655, "Persoon is niet inburgeringsplichtig", "Controle of de persoon inburgeringsplichtig is."),
      urenBovenIntensiteit: fs(656, "Aantal uren mag niet hoger zijn dan totale geschatte uren intensiteit.", "Controle of geschatte uren intensiteit resterend niet groter is dan geschatte uren intensiteit."),
      plichtIngetrokken: fs(674, "Inburgeringsplicht meer dan een maand geleden ingetrokken, geen wijziging meer mogelijk", "Ingetrokken inburgeringsplicht wil zeggen einde handhaving, maar niet voldaan."),
      plichtVoldaan: fs(675, "Er is al voldaan aan de inburgeringsplicht, geen wijziging meer mogelijk", "Voldaan aan de inburgerplicht is einde handhaving en voldaan."),
      dagtekeningVoorStartPlicht: fs(677, "Datum dagtekening PIP moet op of na startdatum inburgeringsplicht liggen.", "Datum dagtekening PIP moet op of na start inburgeringsplichtig vanaf liggen."),
      formaatfout: fs(999, "<veldnaam>: Formaatfout", "Formaatcontrole op input request veld. Vindt plaats voor Leerroute, Niveau, Indicatie Analfabeet, Geschatte uren intensiteit."),
      datumOngeldig: fs(999, "<veldnaam>: Datum is ongeldig", "Datumcontrole op input request veld. Vindt plaats voor Datum Vaststelling."),
      datumInToekomst: fs(999, "<veldnaam>: Datum mag niet in toekomst liggen", "Datumcontrole op input request veld. Vindt plaats voor Datum Vaststelling."),
      verplicht: fs(999, "<veldnaam>: Veld is verplicht", "Indien leerroute, niveau, datum vaststelling, geschatte uren intensiteit (alleen in het geval van een asielmigrant en wanneer de leerroute B1 is) niet gevuld is."),
      urenNietToegestaan: fs(999, "<Veldnaam>: Mag alleen worden opgegeven indien persoon asielgerechtigd is en leerroute B1 heeft.", "Indien geschatte uren intensiteit zijn gevuld en de persoon niet een asielmigrant is en/of geen leerroute B1 heeft."),
      niveauWijktAf: at(605, "Niveau wijkt af van het default niveau", "Zie tabellen hieronder."),
      startdatumOpleidingVerplicht: at(606, "Startdatum opleiding is verplicht", "Indien er een PIP opgevoerd wordt met of gewijzigd wordt naar leerroute Onderwijsroute en de startdatum opleiding in een inburgeringsaanbod is niet gevuld."),
      // Additions (FS 999), PIB 3.6.6 and DUO's PIP rules:
      datumVoor2022: fs999("<veldnaam>: Datum mag niet voor 1 januari 2022 liggen", "PIB 3.6.6.1: de datum dagtekening PIP kan en mag niet voor 1 januari 2022 liggen."),
      pipBestaatAl: fs999("Er is al een actuele PIP; geef een wijziging door", "Bij opvoeren: er is al een actuele PIP voor deze persoon (PIB 3.6.6.2: wijzigen PIP)."),
      geenActuelePip: fs999("Er is geen actuele PIP om te wijzigen", "Bij wijzigen: er is geen actuele PIP voor deze persoon."),
      initieleDagtekeningDefinitief: fs999("<veldnaam>: Datum dagtekening initiële PIP is definitief en kan niet meer worden gewijzigd", "PIB 3.6.6.2: twee weken na registratie van het initiële PIP is de datum dagtekening initiële PIP definitief."),
      dagtekeningVoorActuelePip: fs999("<veldnaam>: Datum mag niet voor datum dagtekening actuele PIP liggen", "DUO: de datum dagtekening gewijzigde PIP ligt op of na de datum dagtekening van de actuele PIP."),
      dagtekeningVoorInitielePip: fs999("<veldnaam>: Datum mag niet voor datum dagtekening initiële PIP liggen", "DUO: de datum dagtekening gewijzigde PIP ligt op of na de datum dagtekening initiële PIP."),
      initieleDagtekeningBijOpvoeren: fs999("<veldnaam>: Bij het opvoeren is de datum dagtekening initiële PIP de datum dagtekening PIP", "PIB 3.6.6.1: het initiële PIP is het PIP dat nu wordt opgevoerd; de datum dagtekening initiële PIP is weggelaten of gelijk aan de datum dagtekening PIP."),
    },
  },
  c: {
    titel: "Verwijderen van actuele PIP",
    meldingen: {
      overleden: fs(602, "Persoon is volgens BRP overleden", "Is persoon volgens BRP overleden?"),
      bsnOngeldig: fs(603, "BSN is ongeldig", "Formaatcontrole op BSN."),
      nietRelevant: fs(617, "Persoon is volgens de BRP niet woonachtig in uw gemeente", "Persoon niet woonachtig in gemeente."),
      nietWi2021: fs(636, "Persoon valt niet onder WI2021", "Controle op wetgeving."),
      nietInIsi: fs(642, "BSN kan niet in ISI gevonden worden", "Persoon niet gevonden in ISI."),
      geenPip: fs(643, "Geen PIP voor zakenpartner", "Indien er geen actuele PIP is voor deze persoon."),
      intrekkenNietMogelijk: fs(645, "Intrekken niet mogelijk. Inburgeringstermijn al vastgesteld.", "Indien PIP reeds definitief is."),
      plichtIngetrokken: fs(674, "Inburgeringsplicht meer dan een maand geleden ingetrokken, geen wijziging meer mogelijk", "Ingetrokken inburgeringsplicht wil zeggen einde handhaving, maar niet voldaan."),
      plichtVoldaan: fs(675, "Er is al voldaan aan de inburgeringsplicht, geen wijziging meer mogelijk", "Voldaan aan de inburgerplicht is einde handhaving."),
    },
  },
  d: {
    titel: "Opvoeren en wijzigen gegevens inburgeringsaanbod",
    meldingen: {
      overleden: fs(602, "Persoon is volgens BRP overleden", "Is persoon volgens BRP overleden?"),
      bsnOngeldig: fs(603, "BSN is ongeldig", "Formaatcontrole op BSN."),
      nietRelevant: fs(617, "Persoon is volgens de BRP niet woonachtig in uw gemeente", "Persoon niet woonachtig in gemeente."),
      nietWi2021: fs(636, "Persoon valt niet onder WI2021", "Controle op wetgeving."),
      nietInIsi: fs(642, "BSN kan niet in ISI gevonden worden", "Persoon niet gevonden in ISI."),
      geenPip: fs(643, "Geen PIP voor zakenpartner", "Indien er geen actuele PIP is voor deze persoon"),
      geenGeldigeInstelling: fs(646, "Groep n, <veldnaam>: Geen geldige instelling opgegeven.", "Indien deze leeg is of niet als zakenpartner/instelling voorkomt."),
      inschrijvingVoorDagtekening: fs(648, "Groep n, <veldnaam>: Datum inschrijving instelling ligt voor datum dagtekening initiële PIP", "Datum Inburgeringsaanbod mag niet voor datum actuele PIP liggen."),
      startVoorInschrijving: fs(649, "Groep n, <veldnaam>: Datum start opleiding moet op of na datum Inburgeringsaanbod liggen", "Indien Datum start opleiding gevuld is, dient deze op of na datum Inburgeringsaanbod te liggen."),
      eindeZonderStart: fs(671, "Als einddatum opleiding gevuld is, moet startdatum opleiding ook gevuld zijn", "Einddatum opleiding mag alleen gevuld zijn als startdatum ook gevuld is."),
      eindeVoorStart: fs(672, "Einddat. opleiding moet op of na startdat. opleiding liggen", "Einddatum opleiding moet op of na startdatum opleiding liggen."),
      nietBinnenTermijn: fs(673, "Datum ligt niet binnen de termijn", "Indien er een inburgeringstermijn aanwezig is: start- en einddatum opleiding moeten binnen de inburgeringstermijn liggen. Indien er geen inburgeringstermijn aanwezig is: start- en einddatum opleiding moeten binnen 3 jaar na dagtekening initiële PIP liggen."),
      plichtIngetrokken: fs(674, "Inburgeringsplicht meer dan een maand geleden ingetrokken, geen wijziging meer mogelijk", "Ingetrokken inburgeringsplicht wil zeggen einde handhaving, maar niet voldaan."),
      plichtVoldaan: fs(675, "Er is al voldaan aan de inburgeringsplicht, geen wijziging meer mogelijk", "Voldaan aan de inburgerplicht is einde handhaving en voldaan."),
      datumOngeldig: fs(999, "Groep n, <veldnaam>: Datum is ongeldig", "Datumcontrole op input request veld Vindt plaats voor 'Datum', 'Startdatum Opleiding' en 'Einddatum Opleiding' Indien een opgegeven datum niet het formaat JJJJMMDD heeft."),
      wijzigenNietMeerMogelijk: fs(999, "Wijzigen aanbod niet meer mogelijk", "Indien ná verhuizing de oude gemeente een aanbod wil wijzigen later dan 1 maand ná datum geldig tot van het aanbod."),
      // Additions (FS 999), PIB 3.6.7:
      verplicht: fs999("Groep n, <veldnaam>: Veld is verplicht", "PIB 3.6.7: datum inschrijving en alfabetisering moet u invullen."),
      formaatfout: fs999("Groep n, <veldnaam>: Formaatfout", "Alfabetisering is NVT, A of AA."),
      geenAsielstatushouder: fs999("Een inburgeringsaanbod kan alleen worden doorgegeven voor een asielstatushouder", "PIB 3.6.7.1 Voor wie?: alleen voor asielstatushouders, niet voor gezinsmigranten en overige migranten."),
      nieuwAanbodNaVerhuizing: fs999("Na verhuizing kan de vorige gemeente geen nieuw inburgeringsaanbod registreren", "PIB 3.6.7.2 Verhuizing: de vorige gemeente kan 4 weken na het nieuwe PIP nog wijzigen, geen nieuw aanbod registreren."),
      instellingDubbel: fs999("Groep n, <veldnaam>: Instelling komt meer dan eens voor in het verzoek", "Per instelling één aanbod: een verzoek noemt elke instelling één keer."),
      aanbodBestaatAl: fs999("Groep n, <veldnaam>: Er is al een actueel aanbod voor deze instelling; wijzig dat aanbod", "PIB 3.6.7: per instelling één actueel inburgeringsaanbod; het actuele aanbod kunt u wijzigen."),
      geenAanbodInstelling: fs999("Groep n, <veldnaam>: Er is geen actueel aanbod van uw gemeente voor deze instelling", "Bij wijzigen: de gemeente heeft bij deze instelling geen actueel aanbod."),
      leerrouteFormaatfout: fs999("<veldnaam>: Formaatfout", "OpvragenInstellingen: de leerroute is B, O of Z (PIB 3.6.7)."),
      aanbodVorigeGemeente: fs999("Groep n, <veldnaam>: Het aanbod van een andere gemeente kan niet worden gewijzigd; geef een nieuw aanbod door", "PIB 3.6.7.2 Verhuizing: u kunt de inburgeringsaanbiedingen van de vorige gemeente niet wijzigen."),
    },
  },
  e: {
    titel: "Intrekken inburgeringsaanbod",
    meldingen: {
      overleden: fs(602, "Persoon is volgens BRP overleden", "Is persoon volgens BRP overleden?"),
      bsnOngeldig: fs(603, "BSN is ongeldig", "Formaatcontrole op BSN."),
      nietRelevant: fs(617, "Persoon is volgens de BRP niet woonachtig in uw gemeente", "Persoon niet woonachtig in gemeente."),
      nietWi2021: fs(636, "Persoon valt niet onder WI2021", "Controle op wetgeving."),
      nietInIsi: fs(642, "BSN kan niet in ISI gevonden worden", "Persoon niet gevonden in ISI."),
      geenGeldigeInstelling: fs(646, "Groep n, <veldnaam>: Geen geldige instelling opgegeven.", "Indien deze leeg is of niet als zakenpartner/instelling voorkomt."),
      plichtIngetrokken: fs(674, "Inburgeringsplicht meer dan een maand geleden ingetrokken, geen wijziging meer mogelijk", "Ingetrokken inburgeringsplicht wil zeggen einde handhaving, maar niet voldaan."),
      plichtVoldaan: fs(675, "Er is al voldaan aan de inburgeringsplicht, geen wijziging meer mogelijk", "Voldaan aan de inburgerplicht is einde handhaving en voldaan."),
      geenAanbodInstelling: fs(999, "Groep n, Geen aanbod voor zakenpartner &1 en instelling &2", "Indien er voor zakenpartner en instelling geen actueel aanbod wordt gevonden. (Indien de gegevensgroep Cursusinstellingen is gevuld)."),
      geenAanbod: fs(999, "Geen aanbod voor zakenpartner &1", "Indien er voor zakenpartner geen enkel actueel aanbod wordt gevonden. (Indien alleen de BSN in request is gevuld)."),
      teLaat: fs(999, "Intrekken aanbod mag niet later dan 2,5 jaar na de start termijn", "Indien de intrekking plaats vindt meer dan 2,5 jaar (30 maanden) na de start van de termijn."),
      // Addition (FS 999):
      instellingDubbel: fs999("Groep n, <veldnaam>: Instelling komt meer dan eens voor in het verzoek", "Een verzoek noemt elke instelling één keer."),
    },
  },
  f: {
    titel: "Wijzigen gegevens m.b.t. MAP",
    meldingen: {
      overleden: fs(602, "Persoon is volgens BRP overleden", "Is persoon volgens BRP overleden?"),
      bsnOngeldig: fs(603, "BSN is ongeldig", "Formaatcontrole op BSN."),
      nietRelevant: fs(617, "Persoon is volgens de BRP niet woonachtig in uw gemeente", "Persoon niet woonachtig in gemeente."),
      nietWi2021: fs(636, "Persoon valt niet onder WI2021", "Controle op wetgeving."),
      geenWijziging: fs(640, "Alle velden hebben dezelfde waarde als de actuele waarden", "Controle of er een wijziging in een veld is t.o.v. de reeds bestaande waarden."),
      nietInIsi: fs(642, "BSN kan niet in ISI gevonden worden", "Persoon niet gevonden in ISI."),
      geenActuelePip: fs(657, "Er is geen actuele PIP", "Bij opvoeren/wijzigen MAP gegevens moet er minimaal een actuele PIP (voor de opvoerende gemeente) zijn."),
      andereGemeente: fs(667, "Uw gemeente mag de MAP gegevens niet wijzigen.", "Indien eindgesprek MAP door andere gemeente is gevuld."),
      plichtIngetrokken: fs(674, "Inburgeringsplicht meer dan een maand geleden ingetrokken, geen wijziging meer mogelijk", "Ingetrokken inburgeringsplicht wil zeggen einde handhaving, maar niet voldaan."),
      plichtVoldaan: fs(675, "Er is al voldaan aan de inburgeringsplicht, geen wijziging meer mogelijk", "Voldaan aan de inburgerplicht is einde handhaving en voldaan."),
      datumOngeldig: fs(999, "<veldnaam>: Datum is ongeldig", "Datumcontrole op input request veld Vindt plaats voor Datum Eindgesprek MAP Indien een opgegeven datum selectie niet het formaat juiste heeft."),
      datumInToekomst: fs(999, "<veldnaam> Datum ligt in toekomst", "Datumcontrole op input request veld Vindt plaats voor Datum Eindgesprek MAP Indien een opgegeven datum in de toekomst ligt."),
      datumVoorStartTermijn: fs(999, "<veldnaam> Datum mag niet voor start datum termijn liggen", "Datumcontrole op input request veld Vindt plaats voor Datum Eindgesprek MAP Indien een opgegeven datum vóór de start huidige termijn ligt."),
      // Additions (FS 999), PIB 3.6.8:
      mapOnderwijsroute: fs999("MAP is geen onderdeel van de Onderwijsroute", "PIB 3.6.8.1: bij een persoon in de Onderwijsroute kunt u geen gegevens voor de MAP doorgeven."),
      geenRegistratie: fs999("Er is geen registratie van de MAP om te verwijderen", "Bij verwijderen: er is geen actuele registratie van de afronding van de MAP."),
    },
  },
  g: {
    titel: "Wijzigen gegevens m.b.t. PVT",
    meldingen: {
      overleden: fs(602, "Persoon is volgens BRP overleden", "Is persoon volgens BRP overleden?"),
      bsnOngeldig: fs(603, "BSN is ongeldig", "Formaatcontrole op BSN."),
      nietRelevant: fs(617, "Persoon is volgens de BRP niet woonachtig in uw gemeente", "Persoon niet woonachtig in gemeente."),
      andereGemeente: fs(627, "Uw gemeente mag de PVT gegevens niet wijzigen.", "Indien ondertekening PVT door andere gemeente is gevuld."),
      pvtVoldaan: fs(629, "De gegevens zijn niet meer te wijzigen. Persoon heeft al voldaan aan de PVT-plicht", "Indien de datum ondertekening niet gelijk is aan de waarde bij de persoon EN De persoon is PVT plichtig en heeft hier al aan voldaan."),
      nietWi2021: fs(636, "Persoon valt niet onder WI2021", "Controle op wetgeving."),
      geenWijziging: fs(640, "Alle velden hebben dezelfde waarde als de actuele waarden", "Controle of er een wijziging in een veld is t.o.v. de reeds bestaande waarden."),
      nietInIsi: fs(642, "BSN kan niet in ISI gevonden worden.", "Persoon niet gevonden in ISI"),
      geenActuelePip: fs(657, "Er is geen actuele PIP", "Bij opvoeren/wijzigen PVT gegevens moet er minimaal een actuele PIP (voor de opvoerende gemeente) zijn."),
      plichtIngetrokken: fs(674, "Inburgeringsplicht meer dan een maand geleden ingetrokken, geen wijziging meer mogelijk", "Ingetrokken inburgeringsplicht wil zeggen einde handhaving, maar niet voldaan."),
      plichtVoldaan: fs(675, "Er is al voldaan aan de inburgeringsplicht, geen wijziging meer mogelijk", "Voldaan aan de inburgerplicht is einde handhaving en voldaan."),
      datumOngeldig: fs(999, "<veldnaam>: Datum is ongeldig", "Datumcontrole op input request veld Vindt plaats voor Datum Ondertekening Participatieverklaring Indien een opgegeven datum selectie niet het formaat juiste heeft."),
      datumInToekomst: fs(999, "<veldnaam> Datum ligt in toekomst", "Datumcontrole op input request veld Vindt plaats voor Datum Ondertekening Participatieverklaring Indien een opgegeven datum in de toekomst ligt."),
      datumVoorStartTermijn: fs(999, "<veldnaam> Datum mag niet voor start datum termijn liggen", "Datumcontrole op input request veld Vindt plaats voor Datum Ondertekening Participatieverklaring Indien een opgegeven datum vóór de start huidige termijn ligt."),
      // Addition (FS 999):
      geenRegistratie: fs999("Er is geen registratie van het PVT om te verwijderen", "Bij verwijderen: er is geen actuele registratie van de afronding van het PVT."),
    },
  },
  h: {
    titel: "Opvoeren en wijzigen deelgenomen uren",
    meldingen: {
      overleden: fs(602, "Persoon is volgens BRP overleden", "Is persoon volgens BRP overleden?"),
      bsnOngeldig: fs(603, "BSN is ongeldig", "Formaatcontrole op BSN."),
      nietRelevant: fs(617, "Persoon is volgens de BRP niet woonachtig in uw gemeente", "Persoon niet woonachtig in gemeente."),
      nietWi2021: fs(636, "Persoon valt niet onder WI2021", "Controle op wetgeving."),
      nietInIsi: fs(642, "BSN kan niet in ISI gevonden worden", "Persoon niet gevonden in ISI."),
      geenGeldigeInstelling: fs(646, "Geen geldige instelling opgegeven", "Bij Type uren 8 en 9: Indien deze leeg is of niet als zakenpartner/instelling voorkomt."),
      geenActuelePip: fs(657, "Er is geen actuele PIP", "Bij Type uren 2, 3 en 4 moet er minimaal een actuele PIP (voor de opvoerende gemeente) zijn."),
      geenAanbodInstelling: fs(659, "Er is geen actueel of niet actueel aanbod voor de cursusinstelling", "Bij Type uren 6, 8 en 9 dient er een actueel of niet actueel aanbod te zijn voor de Cursusinstelling (voor de eigen gemeente). Ingetrokken aanbod geldt niet."),
      instellingNietToegestaan: fs(660, "Cursusinstelling mag niet gevuld zijn", "Bij Type uren anders dan 6, 8 en 9 mag de Cursusinstelling niet gevuld zijn."),
      datumTotVoorVorige: fs(666, "Datum tot mag niet voor datum tot van vorige deelname liggen.", "Datum tot mag niet voor de datum tot van de vorige deelname liggen. Het gaat dan om de vorige deelname van hetzelfde type uren als die uit het bericht. Indien het om type uren 6 gaat, wordt ook gekeken of de instelling uit de vorige deelname gelijk is aan die uit het bericht."),
      plichtIngetrokken: fs(674, "Inburgeringsplicht meer dan een maand geleden ingetrokken, geen wijziging meer mogelijk", "Ingetrokken inburgeringsplicht wil zeggen einde handhaving, maar niet voldaan."),
      plichtVoldaan: fs(675, "Er is al voldaan aan de inburgeringsplicht, geen wijziging meer mogelijk", "Voldaan aan de inburgerplicht is einde handhaving en voldaan."),
      formaatfout: fs(999, "<veldnaam>: Formaatfout", "Formaatcontrole op input request veld Vindt plaats voor Type Uren, Uren Deelname."),
      datumOngeldig: fs(999, "<veldnaam>: Datum is ongeldig", "Datumcontrole op input request veld Vindt plaats voor Datum Tot."),
      verplicht: fs(999, "<veldnaam>: Veld is verplicht", "Indien Datum Tot, Type Uren of Uren Deelname niet gevuld is."),
      datumTotVoorStartTermijn: fs(999, "Datum Tot: Datum mag niet voor start datum termijn liggen.", "Controleer of datum tot niet voor de startdatum van de inburgeringstermijn ligt."),
      datumTotNaEindTermijn: fs(999, "Datum Tot: Datum mag niet na eind datum termijn liggen.", "Controleer of datum tot niet na de einddatum van de inburgeringstermijn ligt."),
      datumInToekomst: fs(999, "Datum Tot: Datum mag niet in toekomst liggen.", "Controleer of datum tot in de toekomst ligt."),
      // Addition (FS 999), PIB 3.6.10.1 "Verhuizing":
      mutatieformulier: fs999("Na verhuizing kunt u na 4 weken alleen met het mutatieformulier van DUO uren doorgeven", "PIB 3.6.10.1: na verhuizing uit uw gemeente hebt u nog 4 weken om deelgenomen uren door te geven; daarna via het mutatieformulier."),
    },
  },
  i: {
    titel: "Opvoeren en wijzigen contactpersonen",
    meldingen: {
      emailOngeldig: fs(999, "Groep n, E-mailadres: E-mailadres is ongeldig", "Indien het e-mailadres ongeldig is."),
      telefoonOngeldig: fs(999, "Groep n, Telefoonnummer: Telefoonnummer is ongeldig", "Indien telefoonnummer andere tekens bevat dan cijfers, + of -."),
      foutOpslaan: fs(999, "Fout opslaan contact voor gemeente &1 en volgnummer &2.", "Indien er een fout optreedt bij het opslaan van de contactpersoon."),
      lengteOngeldig: fs(999, "Groep n, <veld>: Lengte is ongeldig", "Indien lengte veld uit request langer is dan lengte veld in ISI."),
      verplicht: fs(999, "Groep n, <veld>: Veld is verplicht", "Indien, naam of e-mailadres niet gevuld is."),
      emailBestaatAl: fs(999, "Er bestaat al een contactpersoon voor gemeente &1 en mailadres &2", "Indien er een mailadres wordt meegegeven die al gebruikt wordt onder een ander volgnummer."),
      // Additions (FS 999), PIB 3.3:
      formaatfout: fs999("Groep n, <veld>: Formaatfout", "Algemeen contactpersoon is J of N."),
      formaatfoutVeld: fs999("<veld>: Formaatfout", "Historie is J of N; Pagina en PaginaGrootte zijn gehele getallen (PaginaGrootte 1-100)."),
      onbekend: fs999("<veld>: Er is geen contactpersoon van uw gemeente met dit volgnummer", "Het volgnummer noemt geen (niet verwijderde) contactpersoon van de gemeente."),
      onbekendInGroep: fs999("Groep n, <veld>: Er is geen contactpersoon van uw gemeente met dit volgnummer", "In een groep: het volgnummer noemt geen (niet verwijderde) contactpersoon van de gemeente."),
      tweeAlgemeen: fs999("Groep n, <veld>: Er kan maar één algemeen contactpersoon zijn", "PIB 3.3.2: per gemeente is er maximaal 1 algemeen contactpersoon; een verzoek wijst er hoogstens één aan."),
      dubbel: fs999("Groep n, <veld>: Volgnummer komt meer dan eens voor in het verzoek", "Een verzoek wijzigt elke contactpersoon één keer."),
      volgnummerToegekend: fs999("Groep n, <veld>: Volgnummer wordt door DUO toegekend; laat het weg", "PIB 3.3.2: DUO kent het volgnummer van een nieuwe contactpersoon toe; een opvoerverzoek noemt er geen."),
      heeftCaseload: fs999("Contactpersoon heeft nog een caseload; geef in OverdragenAan de contactpersoon die deze overneemt", "PIB 3.3.4: een contactpersoon met gekoppelde inburgeringsplichtigen kan alleen worden verwijderd als de caseload wordt overgedragen."),
      zelfdeContactpersoon: fs999("<veld>: De caseload kan niet aan dezelfde contactpersoon worden overgedragen", "PIB 3.3.6: overdragen aan een andere contactpersoon."),
      alGekoppeld: fs999("Deze contactpersoon is al aan de persoon gekoppeld", "PIB 3.3.5: de persoon is al aan deze contactpersoon gekoppeld."),
      geenKoppeling: fs999("Er is geen contactpersoon van uw gemeente aan de persoon gekoppeld", "PIB 3.3.5: ontkoppelen kan alleen als er een contactpersoon gekoppeld is."),
    },
  },
  j: {
    titel: "Opvragen en wijzigen signalen",
    meldingen: {
      bsnOngeldig: fs(603, "BSN is ongeldig.", "Formaatcontrole op BSN."),
      datumVanOngeldig: fs(999, "Datum Signaal Van: Datum is ongeldig.", "Controleer geldigheid datum."),
      datumTotOngeldig: fs(999, "Datum Signaal Tot: Datum is ongeldig.", "Controleer geldigheid datum."),
      statusFormaatfout: fs(999, "Groep n, Code Status Signaal: Formaatfout.", "Controleer geldigheid code status signaal."),
      geenSignalen: at(607, "Geen signalen gevonden.", "Controleer of er signalen gevonden kunnen worden met de opgegeven selectiecriteria."),
      // Additions (FS 999), PIB 3.2:
      formaatfout: fs999("<veld>: Formaatfout.", "Pagina is een geheel getal vanaf 1, PaginaGrootte 1-100, ContactVolgnummer een volgnummer."),
      nietGevonden: fs999("Groep n, Signaal: Signaal niet gevonden.", "Het signaal bestaat niet voor uw gemeente, of is verwijderd (PIB 3.2: afgehandeld na een week, nieuw na een kwartaal)."),
      dubbel: fs999("Groep n, Signaal: Signaal komt meer dan eens voor in het verzoek.", "Een verzoek wijzigt elk signaal één keer."),
    },
  },} as const satisfies Record<Handeling, { titel: string; meldingen: Record<string, MeldingDef> }>;

/** The keys of section `H`: `melding('a', 'bestaatNiet')` fails the type check. */
export type MeldingKey<H extends Handeling> = keyof (typeof bijlage42)[H]['meldingen'];

/** A key that some section holds: for a check shared by handelingen, which looks the row up in the section at hand. */
export type EnigeMeldingKey = { [H in Handeling]: MeldingKey<H> }[Handeling];

export interface Invulling {
  /** Fills `<veldnaam>`, `<Veldnaam>` and `<veld>`: the element name the melding is about. */
  readonly veld?: string;
  /** Fills `Groep n`: the 1-based index of the repeating group. */
  readonly groep?: number;
  /** Fill `&1` and `&2`. */
  readonly waarden?: readonly string[];
}

/** Fills a row's placeholders (docs/design.md "The contract") and returns the melding as it goes out. */
export function vul(def: MeldingDef, invulling: Invulling = {}): Melding {
  let tekst = def.tekst;
  if (invulling.veld !== undefined) tekst = tekst.replace(/<(?:veldnaam|Veldnaam|veld)>/g, invulling.veld);
  if (invulling.groep !== undefined) tekst = tekst.replace(/\bGroep n\b/g, `Groep ${invulling.groep}`);
  if (invulling.waarden) {
    const waarden = invulling.waarden;
    tekst = tekst.replace(/&([12])/g, (all, i: string) => waarden[Number(i) - 1] ?? all);
  }
  return {
    soort: def.soort,
    nummer: def.nummer,
    tekst,
    ...(invulling.groep !== undefined ? { groep: invulling.groep } : {}),
    ...(invulling.veld !== undefined ? { veld: invulling.veld } : {}),
  };
}

/** The row `key` of handeling `h`, filled. */
export function melding<H extends Handeling>(h: H, key: MeldingKey<H>, invulling?: Invulling): Melding {
  const rows = bijlage42[h].meldingen as Record<string, MeldingDef>;
  const def = rows[key as string];
  if (!def) throw new Error(`no melding ${String(key)} in appendix 4.2 ${h}`);
  return vul(def, invulling);
}

/** Every row of the catalogue, in appendix order, for documentation and tests. */
export function alleMeldingen(): Array<{ handeling: Handeling; key: string; def: MeldingDef }> {
  const out: Array<{ handeling: Handeling; key: string; def: MeldingDef }> = [];
  for (const [handeling, { meldingen }] of Object.entries(bijlage42) as Array<[Handeling, { meldingen: Record<string, MeldingDef> }]>) {
    for (const [key, def] of Object.entries(meldingen)) out.push({ handeling, key, def });
  }
  return out;
}

export function isFout(m: Melding): boolean {
  return m.soort === 'FS';
}

/** "FS603", as logs and metrics name a melding. */
export function code(m: Melding): string {
  return `${m.soort}${m.nummer}`;
}
