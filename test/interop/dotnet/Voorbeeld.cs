/*
 * cvs-koppeling from .NET: a WCF client from the proxy that svcutil generates from the WSDL the
 * service serves. Not run here: the test machine has no .NET (see test/interop/dotnet.test.ts for
 * what is checked of this file, and how).
 *
 * Generate the proxy, then build it with this example:
 *
 *   .NET Framework 4.x:  svcutil "http://127.0.0.1:8080/cvs-koppeling/wi2021_v1?wsdl"
 *   .NET 6 or later:     dotnet-svcutil "http://127.0.0.1:8080/cvs-koppeling/wi2021_v1?wsdl" --sync
 *                        (packages System.ServiceModel.Http and System.ServiceModel.Primitives)
 *
 * svcutil generates XmlSerializer classes (Persoon, Pip, PipRegistratie, Melding, Fout) and a client
 * CvsKoppelingWi2021PortType_v1Client with one method per operation: the request's elements are its
 * parameters, Verwerkt is its result and the other elements of the answer are out parameters.
 * dotnet-svcutil without --sync generates only the Task-based methods, which take and return the
 * whole request and answer (OpvragenPersoonAsync(new OpvragenPersoonRequest { ... })).
 */
using System;
using System.Security.Cryptography.X509Certificates;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Text;

public static class Voorbeeld
{
    public static void Main(string[] args)
    {
        // [snippet:connect]
        string endpoint = args.Length > 0 ? args[0] : "http://127.0.0.1:8080/cvs-koppeling/wi2021_v1";
        bool sandbox = endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

        // SOAP 1.1 with WS-Addressing 1.0: WCF adds wsa:To, wsa:Action and wsa:MessageID to every
        // request. The sandbox is plain HTTP; production is HTTPS with your PKIoverheid certificate.
        var encoding = new TextMessageEncodingBindingElement(MessageVersion.Soap11WSAddressing10, Encoding.UTF8);
        HttpTransportBindingElement transport = sandbox
            ? new HttpTransportBindingElement()
            : new HttpsTransportBindingElement { RequireClientCertificate = true };
        transport.MaxReceivedMessageSize = 16 * 1024 * 1024; // a full Persoon is more than WCF's default 64 kB
        var client = new CvsKoppelingWi2021PortType_v1Client(new CustomBinding(encoding, transport), new EndpointAddress(endpoint));

        // In production the service takes your OIN from the client certificate (TLS client
        // authentication) and ignores X-OIN; the sandbox takes it from the HTTP header X-OIN.
        if (!sandbox)
        {
            client.ClientCredentials.ClientCertificate.Certificate =
                new X509Certificate2("afnemer.pfx", Environment.GetEnvironmentVariable("AFNEMER_PFX_WACHTWOORD"));
        }
        // [/snippet]

        try
        {
            // [snippet:pip]
            // Every request starts with the gemeente you act for. Persoon is null when Verwerkt is false.
            Melding[] meldingen;
            Persoon persoon;
            PipRegistratie pipRegistratie;
            bool verwerkt;
            using (Verzoek(client, sandbox))
            {
                verwerkt = client.OpvragenPersoon("0014", "999901333", out meldingen, out persoon);
            }
            Pip pip = persoon.PipRegistratie.Pip;

            // The Pip of an answer goes back unchanged as the Pip of WijzigenPip: one class, no mapping.
            using (Verzoek(client, sandbox))
            {
                verwerkt = client.WijzigenPip("0014", "999901333", pip, out meldingen, out pipRegistratie);
            }

            // Refused or not, the answer says so in Verwerkt and Meldingen.
            Console.WriteLine("Verwerkt: " + verwerkt);
            foreach (Melding melding in meldingen)
            {
                Console.WriteLine(melding.Soort + " " + melding.Nummer + " " + melding.Tekst);
            }
            // [/snippet]

            // [snippet:fault]
            // A request the service does not handle at all (here: a gemeente this OIN may not act
            // for) is a SOAP Fault, thrown as FaultException<Fout>; its Detail holds the Digikoppeling
            // Foutcode. The channel stays usable after a typed fault.
            try
            {
                using (Verzoek(client, sandbox))
                {
                    client.OpvragenPersoon("0363", "999901333", out meldingen, out persoon);
                }
            }
            catch (FaultException<Fout> e)
            {
                Console.WriteLine("Fout: Foutcode " + e.Detail.Foutcode + " (" + e.Detail.Omschrijving + ")");
            }
            // [/snippet]
            client.Close();
        }
        catch (CommunicationException)
        {
            client.Abort();
            throw;
        }
        catch (TimeoutException)
        {
            client.Abort();
            throw;
        }
    }

    // [snippet:oin]
    /// <summary>
    /// The scope of one call: in the sandbox it carries your OIN in the HTTP header X-OIN.
    /// </summary>
    static IDisposable Verzoek(CvsKoppelingWi2021PortType_v1Client client, bool sandbox)
    {
        var scope = new OperationContextScope(client.InnerChannel);
        if (sandbox)
        {
            var http = new HttpRequestMessageProperty();
            http.Headers["X-OIN"] = "00000001000000000014";
            OperationContext.Current.OutgoingMessageProperties[HttpRequestMessageProperty.Name] = http;
        }
        return scope;
    }
    // [/snippet]
}
