"""An independent SOAP client: Python zeep (Debian python3-zeep), built from the served WSDL.

Usage: /usr/bin/python3 zeep_client.py <wsdl-url> <gemeentecode> <oin> <bsn>
Prints the answer as JSON. zeep adds wsa:Action, wsa:MessageID and wsa:To itself, from the
wsam:Action in the WSDL; the OIN goes in the sandbox's X-OIN HTTP header.
"""
import json
import sys

from zeep import Client
from zeep.helpers import serialize_object
from zeep.exceptions import Fault

IB = "http://www.duo.nl/schemas/cvs-koppeling/wi2021_v1"


def main() -> None:
    wsdl, gemeentecode, oin, bsn = sys.argv[1:5]
    client = Client(wsdl)
    client.transport.session.headers["X-OIN"] = oin
    gemeente = client.get_element(f"{{{IB}}}Gemeente")(Gemeentecode=gemeentecode)
    try:
        result = client.service.OpvragenPersoon(Bsn=bsn, _soapheaders=[gemeente])
    except Fault as fault:
        detail = fault.detail
        code = detail.find(f"{{{IB}}}Fout/{{{IB}}}Foutcode").text if detail is not None else None
        print(json.dumps({"fault": {"code": fault.code, "message": fault.message, "foutcode": code}}))
        return
    print(json.dumps(serialize_object(result), default=str))


if __name__ == "__main__":
    main()
