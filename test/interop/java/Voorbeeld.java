/*
 * cvs-koppeling from Java: the typed client that JAX-WS generates from the WSDL the service serves.
 *
 * Generate and compile the client, then this example (Java 11 or later, with the JAX-WS RI on the
 * classpath; Debian: apt-get install default-jdk-headless jaxws):
 *
 *   wsimport -d client 'http://127.0.0.1:8080/cvs-koppeling/wi2021_v1?wsdl'
 *   javac -cp client:/usr/share/java/jaxws-rt.jar Voorbeeld.java
 *   java -cp client:/usr/share/java/jaxws-rt.jar:. Voorbeeld [endpoint]
 */
import java.net.URL;
import java.util.List;
import java.util.Map;
import javax.xml.ws.BindingProvider;
import javax.xml.ws.Holder;
import javax.xml.ws.handler.MessageContext;
import nl.duo.cvs_koppeling.wi2021_v1.CvsKoppelingWi2021PortTypeV1;
import nl.duo.cvs_koppeling.wi2021_v1.CvsKoppelingWi2021ServiceV1;
import nl.duo.cvs_koppeling.wi2021_v1.Fout;
import nl.duo.cvs_koppeling.wi2021_v1.FoutBericht;
import nl.duo.cvs_koppeling.wi2021_v1.Melding;
import nl.duo.cvs_koppeling.wi2021_v1.Meldingen;
import nl.duo.cvs_koppeling.wi2021_v1.Persoon;
import nl.duo.cvs_koppeling.wi2021_v1.Pip;
import nl.duo.cvs_koppeling.wi2021_v1.PipRegistratie;

public class Voorbeeld {
    public static void main(String[] args) throws Exception {
        // [snippet:connect]
        String endpoint = args.length > 0 ? args[0] : "http://127.0.0.1:8080/cvs-koppeling/wi2021_v1";

        // The port reads the WSDL the service serves. JAX-WS adds wsa:To, wsa:Action and
        // wsa:MessageID to every request by itself: the WSDL says wsaw:UsingAddressing.
        CvsKoppelingWi2021ServiceV1 service = new CvsKoppelingWi2021ServiceV1(new URL(endpoint + "?wsdl"));
        CvsKoppelingWi2021PortTypeV1 port = service.getCvsKoppelingWi2021PortV1();

        // The sandbox takes your OIN from the HTTP header X-OIN. In production the service takes it
        // from your PKIoverheid client certificate (TLS client authentication) and ignores X-OIN.
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, endpoint);
        context.put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("X-OIN", List.of("00000001000000000014")));
        // [/snippet]

        // [snippet:pip]
        // Every request starts with the gemeente you act for. The answer's elements come back in
        // Holders; Persoon stays null when Verwerkt is false.
        Holder<Boolean> verwerkt = new Holder<>();
        Holder<Meldingen> meldingen = new Holder<>();
        Holder<Persoon> persoon = new Holder<>();
        port.opvragenPersoon("0014", "999901333", verwerkt, meldingen, persoon);
        Pip pip = persoon.value.getPipRegistratie().getPip();

        // The Pip of an answer goes back unchanged as the Pip of WijzigenPip. The same Holders
        // take its answer.
        Holder<PipRegistratie> pipRegistratie = new Holder<>();
        port.wijzigenPip("0014", "999901333", pip, verwerkt, meldingen, pipRegistratie);

        // Refused or not, the answer says so in Verwerkt and Meldingen.
        System.out.println("Verwerkt: " + verwerkt.value);
        for (Melding melding : meldingen.value.getMelding()) {
            System.out.println(melding.getSoort() + " " + melding.getNummer() + " " + melding.getTekst());
        }
        // [/snippet]

        // [snippet:fault]
        // A request the service does not handle at all (here: a gemeente this OIN may not act for)
        // is a SOAP Fault, thrown as the checked exception FoutBericht; its Fout holds the
        // Digikoppeling Foutcode.
        try {
            port.opvragenPersoon("0363", "999901333", new Holder<>(), new Holder<>(), new Holder<>());
        } catch (FoutBericht e) {
            Fout fout = e.getFaultInfo();
            System.out.println("FoutBericht: Foutcode " + fout.getFoutcode() + " (" + fout.getOmschrijving() + ")");
        }
        // [/snippet]
    }
}
