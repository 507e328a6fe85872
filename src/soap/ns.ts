/** Namespaces and names of the contract (wsdl/, xsd/). */
export const NS = {
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  wsa: 'http://www.w3.org/2005/08/addressing',
  /** The one namespace of the service: its schemas, its WSDL and the base of its action URIs. */
  ib: 'http://www.duo.nl/cvs-koppeling/wi2021_v1',
} as const;

/** The wsa:Action of an operation's input is this prefix plus its name; the output adds "Response". */
export const ACTION_PREFIX = `${NS.ib}/`;
export const FAULT_ACTION = 'http://www.w3.org/2005/08/addressing/soap/fault';
/** The only reply address we honour: the answer goes back on the HTTP connection of the request. */
export const ANONYMOUS = 'http://www.w3.org/2005/08/addressing/anonymous';

export const WSDL_FILE = 'CvsKoppeling_Wi2021_v1.wsdl';
