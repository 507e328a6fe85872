<?php
/**
 * What PHP's SoapClient (Debian php-soap) makes of the served WSDL: its functions and types.
 *
 * Usage: php describe.php <endpoint>
 * Prints {"functions": [...], "types": [...]}: __getFunctions() and __getTypes() as PHP states them,
 * e.g. "OpvragenPersoonResponse OpvragenPersoon(OpvragenPersoon $parameters)" and
 * "struct OpvragenPersoon {\n Gemeentecode Gemeentecode;\n Bsn Bsn;\n}".
 */

declare(strict_types=1);

// A warning or notice about the WSDL must fail the run, not scroll by.
set_error_handler(static function (int $level, string $message, string $file, int $line): never {
    throw new ErrorException($message, 0, $level, $file, $line);
});

$client = new SoapClient("{$argv[1]}?wsdl", ['cache_wsdl' => WSDL_CACHE_NONE]);

echo json_encode(
    ['functions' => $client->__getFunctions(), 'types' => $client->__getTypes()],
    JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES,
), "\n";
