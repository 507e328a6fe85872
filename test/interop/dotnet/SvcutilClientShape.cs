/*
 * NOT GENERATED, and not a client: a declaration, for compiling Voorbeeld.cs only, of the part of
 * the proxy svcutil generates that Mono cannot generate. Mono's svcutil writes no usable WCF
 * client for this contract (test/interop/dotnet.test.ts says why), and Mono's wsdl writes the
 * data classes (Persoon, Pip, PipRegistratie, Melding) but no Fout, since it ignores wsdl:fault.
 *
 * The shape is the one svcutil's client generator gives a document/literal wrapped operation whose
 * answer needs XmlSerializer attributes (Melding[] with XmlArrayItem): a message contract in the
 * service contract, and on the client a helper method that takes the request's elements and returns
 * Verwerkt, the other elements of the answer as out parameters. Only what Voorbeeld.cs calls is
 * declared, and the service contract is reduced to those parameters.
 */
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Xml.Serialization;

[ServiceContract(Namespace = "http://www.duo.nl/cvs-koppeling/wi2021_v1", ConfigurationName = "CvsKoppelingWi2021PortType_v1")]
public interface CvsKoppelingWi2021PortType_v1
{
    [OperationContract(Action = "http://www.duo.nl/cvs-koppeling/wi2021_v1/OpvragenPersoon", ReplyAction = "http://www.duo.nl/cvs-koppeling/wi2021_v1/OpvragenPersoonResponse")]
    [FaultContract(typeof(Fout), Action = "http://www.w3.org/2005/08/addressing/soap/fault", Name = "Fout")]
    [XmlSerializerFormat(SupportFaults = true)]
    bool OpvragenPersoon(string Gemeentecode, string Bsn, out Melding[] Meldingen, out Persoon Persoon);

    [OperationContract(Action = "http://www.duo.nl/cvs-koppeling/wi2021_v1/WijzigenPip", ReplyAction = "http://www.duo.nl/cvs-koppeling/wi2021_v1/WijzigenPipResponse")]
    [FaultContract(typeof(Fout), Action = "http://www.w3.org/2005/08/addressing/soap/fault", Name = "Fout")]
    [XmlSerializerFormat(SupportFaults = true)]
    bool WijzigenPip(string Gemeentecode, string Bsn, Pip Pip, out Melding[] Meldingen, out PipRegistratie PipRegistratie);
}

public class CvsKoppelingWi2021PortType_v1Client : ClientBase<CvsKoppelingWi2021PortType_v1>
{
    public CvsKoppelingWi2021PortType_v1Client(Binding binding, EndpointAddress remoteAddress) : base(binding, remoteAddress)
    {
    }

    public bool OpvragenPersoon(string Gemeentecode, string Bsn, out Melding[] Meldingen, out Persoon Persoon)
    {
        return Channel.OpvragenPersoon(Gemeentecode, Bsn, out Meldingen, out Persoon);
    }

    public bool WijzigenPip(string Gemeentecode, string Bsn, Pip Pip, out Melding[] Meldingen, out PipRegistratie PipRegistratie)
    {
        return Channel.WijzigenPip(Gemeentecode, Bsn, Pip, out Meldingen, out PipRegistratie);
    }
}

/// <summary>The detail of every SOAP Fault (element and complexType Fout of Common_v1.xsd).</summary>
[XmlType(Namespace = "http://www.duo.nl/cvs-koppeling/wi2021_v1")]
public partial class Fout
{
    public string Foutcode { get; set; }

    public string Omschrijving { get; set; }

    public string Element { get; set; }
}
