package org.smsconsole.web.startup;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import org.smsconsole.config.LocalPort;

/** Learns this server's port from the first request, for a server started without SMS_PORT (a random port in tests). */
@WebListener
public class LocalPortListener implements ServletRequestListener {

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        if (LocalPort.learned() == 0) {
            LocalPort.learn(event.getServletRequest().getLocalPort());
        }
    }
}
