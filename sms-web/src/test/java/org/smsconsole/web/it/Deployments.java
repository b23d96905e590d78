package org.smsconsole.web.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/**
 * The archive every in-container suite deploys: the real sms-web.war as Maven built it, with
 * the test package added, so tests run against exactly what ships.
 */
final class Deployments {

    private Deployments() {
    }

    static WebArchive console() {
        File war = new File(System.getProperty("sms.web.war", "target/sms-web.war"));
        return ShrinkWrap.create(ZipImporter.class, "sms-web.war").importFrom(war).as(WebArchive.class)
                .addPackage(Deployments.class.getPackage());
    }
}
