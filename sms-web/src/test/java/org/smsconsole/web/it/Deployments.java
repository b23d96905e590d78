package org.smsconsole.web.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.smsconsole.sinch.SinchVectors;

import org.jboss.shrinkwrap.api.asset.StringAsset;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The archive every in-container suite deploys: the real sms-web.war as Maven built it, with
 * the test package added, so tests run against exactly what ships.
 */
final class Deployments {

    private Deployments() {
    }

    static WebArchive console() {
        File war = new File(System.getProperty("sms.web.war", "target/sms-web.war"));
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, "sms-web.war").importFrom(war).as(WebArchive.class);
        // The test runner's servlet must be reachable without a login; nothing else changes.
        String webXml = new String(readAll(archive.get("WEB-INF/web.xml").getAsset().openStream()), StandardCharsets.UTF_8)
                .replace("</web-app>", "<security-constraint><web-resource-collection><web-resource-name>arquillian</web-resource-name>"
                        + "<url-pattern>/ArquillianServletRunnerEE9</url-pattern></web-resource-collection></security-constraint></web-app>");
        // Awaitility (and its Hamcrest) travel with every suite: tests in the container poll with a deadline.
        return archive.setWebXML(new StringAsset(webXml)).addPackage(Deployments.class.getPackage())
                .addPackages(true, "org.awaitility", "org.hamcrest");
    }

    /**
     * The archive with the project's Sinch test vectors and their reader ({@link SinchVectors}, from sms-core's test
     * jar) in {@code WEB-INF/classes}, for suites that post them to the console from inside the container.
     */
    static WebArchive withSinchVectors(WebArchive archive) {
        archive.addClass(SinchVectors.class).addAsResource(SinchVectors.INDEX);
        SinchVectors.project().names().forEach(name -> archive.addAsResource(SinchVectors.ROOT + name));
        return archive;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
