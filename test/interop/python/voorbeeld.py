"""cvs-koppeling from Python: a zeep client built from the WSDL the service serves.

Usage: python3 voorbeeld.py [endpoint]   (default: the sandbox of `npm start`)
Needs zeep (Debian: apt-get install python3-zeep).
"""
import sys

from requests import Session
from zeep import Client
from zeep.exceptions import Fault
from zeep.transports import Transport

IB = "{http://www.duo.nl/cvs-koppeling/wi2021_v1}"

# [snippet:connect]
endpoint = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/cvs-koppeling/wi2021_v1"

session = Session()
# The sandbox takes your OIN from the HTTP header X-OIN. In production the OIN is the one in your
# PKIoverheid client certificate instead: session.cert = ("client.pem", "client.key"), no X-OIN.
session.headers["X-OIN"] = "00000001000000000014"
# zeep adds wsa:To, wsa:Action and a fresh wsa:MessageID to every call by itself: the WSDL gives
# every operation its wsam:Action.
client = Client(f"{endpoint}?wsdl", transport=Transport(session=session))
# [/snippet]

# [snippet:pip]
# Every request starts with the gemeente you act for. Persoon is None when Verwerkt is false.
antwoord = client.service.OpvragenPersoon(Gemeentecode="0014", Bsn="999901333")
pip = antwoord.Persoon.PipRegistratie.Pip

# The Pip of an answer goes back unchanged as the Pip of WijzigenPip.
antwoord = client.service.WijzigenPip(Gemeentecode="0014", Bsn="999901333", Pip=pip)

# A refused change is an answer too: Verwerkt false and an FS melding.
print(f"Verwerkt: {'true' if antwoord.Verwerkt else 'false'}")
for melding in antwoord.Meldingen.Melding:
    print(f"{melding.Soort} {melding.Nummer} {melding.Tekst}")
# [/snippet]

# [snippet:fault]
# A request the service does not handle at all (here: a gemeente this OIN may not act for) is a
# Fault; its detail holds the Digikoppeling Foutcode.
try:
    client.service.OpvragenPersoon(Gemeentecode="0363", Bsn="999901333")
except Fault as fault:
    fout = fault.detail.find(f"{IB}Fout")
    print(f"Fault {fault.code}: Foutcode {fout.findtext(f'{IB}Foutcode')} ({fout.findtext(f'{IB}Omschrijving')})")
# [/snippet]
