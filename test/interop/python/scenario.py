"""An independent SOAP client: Python zeep (Debian python3-zeep), built from the served WSDL.

Usage: /usr/bin/python3 scenario.py <wsdl-url> <oin> <json: [[operation, {arguments}], ...]>
Calls the operations in order with one client and prints their answers as a JSON list. The
arguments name the request elements, Gemeentecode first, as the WSDL describes them. zeep adds
wsa:Action, wsa:MessageID and wsa:To itself, from the WSDL; the OIN goes in the sandbox's X-OIN
HTTP header.
"""
import json
import os
import sys

from requests import Session
from zeep import Client
from zeep.transports import Transport
from zeep.exceptions import Fault
from zeep.helpers import serialize_object

IB = "http://www.duo.nl/cvs-koppeling/wi2021_v1"


def main() -> None:
    wsdl, oin, calls = sys.argv[1:4]
    session = Session()
    # Over mTLS (production mode): the client certificate and the CA to trust, from the environment.
    if os.environ.get("ZEEP_CLIENT_CERT"):
        session.cert = (os.environ["ZEEP_CLIENT_CERT"], os.environ["ZEEP_CLIENT_KEY"])
        session.verify = os.environ["ZEEP_CA"]
        # requests lets REQUESTS_CA_BUNDLE from the environment override session.verify.
        session.trust_env = False
    client = Client(wsdl, transport=Transport(session=session))
    client.transport.session.headers["X-OIN"] = oin
    answers = []
    for operation, arguments in json.loads(calls):
        try:
            result = getattr(client.service, operation)(**arguments)
            answers.append(serialize_object(result))
        except Fault as fault:
            detail = fault.detail
            code = detail.find(f"{{{IB}}}Fout/{{{IB}}}Foutcode").text if detail is not None else None
            answers.append({"fault": {"code": fault.code, "message": fault.message, "foutcode": code}})
    print(json.dumps(answers, default=str))


if __name__ == "__main__":
    main()
