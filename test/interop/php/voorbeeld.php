<?php
/**
 * cvs-koppeling from PHP: a SoapClient built from the WSDL the service serves, with the
 * WS-Addressing headers the service requires on every request.
 *
 * Usage: php voorbeeld.php [endpoint]   (default: the sandbox of `npm start`)
 * Needs ext/soap (Debian: apt-get install php-cli php-soap).
 */

declare(strict_types=1);

// [snippet:client]
/**
 * SoapClient for cvs-koppeling. ext/soap has no WS-Addressing of its own, so every call gets
 * wsa:To (the endpoint), wsa:Action (from the operation name) and a fresh wsa:MessageID. Set them
 * per call, not once with __setSoapHeaders(): the service answers a change whose MessageID it has
 * seen before with the stored answer of the first, or with fault 0001.
 */
final class CvsKoppelingClient extends SoapClient
{
    private const WSA = 'http://www.w3.org/2005/08/addressing';
    private const ACTION = 'http://www.duo.nl/cvs-koppeling/wi2021_v1/';

    public function __construct(private readonly string $endpoint, array $options = [])
    {
        parent::__construct("$endpoint?wsdl", $options + [
            'cache_wsdl' => WSDL_CACHE_NONE,          // always the contract the service serves now
            'features' => SOAP_SINGLE_ELEMENT_ARRAYS, // a repeated element is always an array
        ]);
    }

    public function __call(string $operation, array $arguments): mixed
    {
        return $this->__soapCall($operation, $arguments, null, [
            new SoapHeader(self::WSA, 'To', $this->endpoint),
            new SoapHeader(self::WSA, 'Action', self::ACTION . $operation),
            new SoapHeader(self::WSA, 'MessageID', 'urn:uuid:' . self::uuid()),
        ]);
    }

    /** A random (version 4) UUID. */
    private static function uuid(): string
    {
        $bytes = random_bytes(16);
        $bytes[6] = chr(ord($bytes[6]) & 0x0f | 0x40);
        $bytes[8] = chr(ord($bytes[8]) & 0x3f | 0x80);
        return vsprintf('%s%s-%s-%s-%s-%s%s%s', str_split(bin2hex($bytes), 4));
    }
}
// [/snippet]

// [snippet:connect]
$endpoint = $argv[1] ?? 'http://127.0.0.1:8080/cvs-koppeling/wi2021_v1';

// The sandbox takes your OIN from the HTTP header X-OIN. In production the OIN is the one in your
// PKIoverheid client certificate instead: give it in the same stream context, as 'ssl' => [
// 'local_cert' => ..., 'local_pk' => ...], and leave X-OIN out.
$client = new CvsKoppelingClient($endpoint, [
    'stream_context' => stream_context_create([
        'http' => ['header' => 'X-OIN: 00000001000000000014'],
    ]),
]);
// [/snippet]

// [snippet:pip]
// Every request starts with the gemeente you act for. Persoon is absent when Verwerkt is false.
$antwoord = $client->OpvragenPersoon(['Gemeentecode' => '0014', 'Bsn' => '999901333']);
$pip = $antwoord->Persoon->PipRegistratie->Pip;

// The Pip of an answer goes back unchanged as the Pip of WijzigenPip.
$antwoord = $client->WijzigenPip(['Gemeentecode' => '0014', 'Bsn' => '999901333', 'Pip' => $pip]);

// A refused change is an answer too: Verwerkt false and an FS melding. Melding is absent when there is none.
echo 'Verwerkt: ', $antwoord->Verwerkt ? 'true' : 'false', "\n";
foreach ($antwoord->Meldingen->Melding ?? [] as $melding) {
    echo "{$melding->Soort} {$melding->Nummer} {$melding->Tekst}\n";
}
// [/snippet]

// [snippet:fault]
// A request the service does not handle at all (here: a gemeente this OIN may not act for) is a
// SoapFault; its detail holds the Digikoppeling Foutcode.
try {
    $client->OpvragenPersoon(['Gemeentecode' => '0363', 'Bsn' => '999901333']);
} catch (SoapFault $fault) {
    echo "SoapFault {$fault->faultcode}: Foutcode {$fault->detail->Fout->Foutcode}",
        " ({$fault->detail->Fout->Omschrijving})\n";
}
// [/snippet]
