<?php
/**
 * An independent SOAP client: PHP's SoapClient (Debian php-soap), built from the served WSDL.
 *
 * Usage: php scenario.php <endpoint> <oin> [json: [[operation, {arguments}], ...]]
 * The steps come from the third argument or, without it, from stdin. Calls the operations in order
 * with one client and prints their answers as one JSON array: each answer an object keyed by the
 * element names, a repeated element an array (SOAP_SINGLE_ELEMENT_ARRAYS), an absent element left
 * out. A SoapFault becomes {"fault": {"code", "message", "foutcode"}}, the Foutcode read from the
 * Fout of its detail. ext/soap has no WS-Addressing: every call gets wsa:To, wsa:Action and
 * wsa:MessageID as SoapHeaders of its own. The OIN goes in the sandbox's X-OIN HTTP header.
 */

declare(strict_types=1);

// A warning or notice from ext/soap (say, about the WSDL) must fail the run, not scroll by.
set_error_handler(static function (int $level, string $message, string $file, int $line): never {
    throw new ErrorException($message, 0, $level, $file, $line);
});

const WSA = 'http://www.w3.org/2005/08/addressing';
const ACTION_PREFIX = 'http://www.duo.nl/cvs-koppeling/wi2021_v1/';

function uuid(): string
{
    $bytes = random_bytes(16);
    $bytes[6] = chr(ord($bytes[6]) & 0x0f | 0x40);
    $bytes[8] = chr(ord($bytes[8]) & 0x3f | 0x80);
    return vsprintf('%s%s-%s-%s-%s-%s%s%s', str_split(bin2hex($bytes), 4));
}

[, $endpoint, $oin] = $argv;
$steps = json_decode($argv[3] ?? stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);

$client = new SoapClient("$endpoint?wsdl", [
    'cache_wsdl' => WSDL_CACHE_NONE,
    'features' => SOAP_SINGLE_ELEMENT_ARRAYS,
    'stream_context' => stream_context_create(['http' => ['header' => "X-OIN: $oin"]]),
]);

$answers = [];
foreach ($steps as [$operation, $arguments]) {
    $wsa = [
        new SoapHeader(WSA, 'To', $endpoint),
        new SoapHeader(WSA, 'Action', ACTION_PREFIX . $operation),
        new SoapHeader(WSA, 'MessageID', 'urn:uuid:' . uuid()),
    ];
    try {
        // The arguments as PHP arrays, as json_decode gives them: a list for a repeated element.
        $answers[] = $client->__soapCall($operation, [$arguments], null, $wsa);
    } catch (SoapFault $fault) {
        $answers[] = ['fault' => [
            'code' => $fault->faultcode,
            'message' => $fault->faultstring,
            'foutcode' => $fault->detail->Fout->Foutcode ?? null,
        ]];
    }
}

echo json_encode($answers, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
