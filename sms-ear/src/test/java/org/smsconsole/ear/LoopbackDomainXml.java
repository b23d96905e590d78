package org.smsconsole.ear;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.nio.file.Path;
import java.util.List;

/**
 * Rewrites a new domain's {@code domain.xml} (before its first start) so that nothing it opens is reachable from
 * beyond this machine: a fresh domain listens on every interface ({@code 0.0.0.0} or no address at all), its JMS
 * broker proxy binds {@code *} for the host {@code localhost}, its own H2 pools use {@code AUTO_SERVER=TRUE} (a TCP
 * port on every interface), and Hazelcast binds every interface unless told twice not to.
 */
final class LoopbackDomainXml {

    static final String LOOPBACK = "127.0.0.1";

    private LoopbackDomainXml() {
    }

    /** Every listener on 127.0.0.1, the server's own H2 without a port, and the JVM options the domain needs. */
    static void apply(Path domainXml, List<String> jvmOptions) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(domainXml.toFile());

        for (String listener : List.of("network-listener", "iiop-listener", "jmx-connector")) {
            forEach(doc, listener, e -> e.setAttribute("address", LOOPBACK));
        }
        // The broker's lazy listener binds every interface when its host is "localhost" (ActiveJmsResourceAdapter).
        // A new domain's server-config has no jms-service yet and would get one with that default on first start:
        // it gets a copy of default-config's.
        Element server = config(doc, "server-config");
        if (server.getElementsByTagName("jms-service").getLength() == 0) {
            server.appendChild(config(doc, "default-config").getElementsByTagName("jms-service").item(0).cloneNode(true));
        }
        forEach(doc, "jms-host", e -> e.setAttribute("host", LOOPBACK));
        forEach(doc, "property", e -> {
            if ("URL".equals(e.getAttribute("name")) && e.getAttribute("value").startsWith("jdbc:h2:")) {
                e.setAttribute("value", e.getAttribute("value").replace(";AUTO_SERVER=TRUE", ""));
            }
        });
        forEach(doc, "hazelcast-runtime-configuration", e -> {
            e.setAttribute("das-bind-address", LOOPBACK);
            e.setAttribute("interface", LOOPBACK);
        });
        Element serverJava = (Element) server.getElementsByTagName("java-config").item(0);
        for (String option : jvmOptions) {
            Element element = doc.createElement("jvm-options");
            element.setTextContent(option);
            serverJava.appendChild(element);
        }

        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.transform(new DOMSource(doc), new StreamResult(domainXml.toFile()));
    }

    private static Element config(Document doc, String name) {
        NodeList configs = doc.getElementsByTagName("config");
        for (int i = 0; i < configs.getLength(); i++) {
            Element config = (Element) configs.item(i);
            if (name.equals(config.getAttribute("name"))) {
                return config;
            }
        }
        throw new IllegalStateException("domain.xml has no config " + name);
    }

    private static void forEach(Document doc, String tag, java.util.function.Consumer<Element> change) {
        NodeList nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            change.accept((Element) node);
        }
    }
}
