package org.smsconsole.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.smsconsole.apikey.ApiKeys;
import org.smsconsole.user.LoginOutcome;
import org.smsconsole.user.StaffLogins;
import org.smsconsole.user.StaffUser;
import org.smsconsole.user.StaffUsers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The one authentication mechanism Jakarta Security allows per application, choosing by path:
 * pages use a form login kept in the HTTP session; {@code /api} is stateless (an API key as a
 * Bearer token, or HTTP Basic with a staff user's credentials, on each request; never the session
 * cookie, so no cross-site request can ride on a browser's login); webhooks are public here and
 * check their own signatures; {@code /api/metrics} checks its scrape token; the Sinch sandbox ({@code /sandbox/})
 * checks its own Bearer token and never gets a session or a login redirect.
 */
@ApplicationScoped
public class ConsoleAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String LOGIN_PAGE = "/login.xhtml";
    static final String PASSWORD_PAGE = "/account/password.xhtml";

    @Inject
    StaffLogins logins;

    @Inject
    StaffUsers staffUsers;

    @Inject
    ApiKeys apiKeys;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/api/metrics")) {
            return context.doNothing(); // checks its own scrape token (SMS_METRICS_TOKEN), without the database
        }
        if (path.startsWith("/api/")) {
            return api(request, response, context);
        }
        if (path.startsWith("/sandbox/")) {
            return context.doNothing(); // the Sinch sandbox: stateless, checks its own Bearer token
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof VerifiedLogin login) {
            return signIn(request, context, login.who());
        }
        return page(request, response, context, path);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context, LoginOutcome.SignedIn who) {
        request.getSession(true);
        request.changeSessionId(); // no session fixation across the login
        request.getSession().setAttribute(SignedInCaller.SESSION_KEY, new SignedInCaller(who.username()));
        return context.notifyContainerAboutLogin(who.username(), who.groups());
    }

    private AuthenticationStatus page(HttpServletRequest request, HttpServletResponse response,
                                      HttpMessageContext context, String path) {
        HttpSession session = request.getSession(false);
        SignedInCaller caller = session == null ? null : (SignedInCaller) session.getAttribute(SignedInCaller.SESSION_KEY);
        if (caller != null) {
            // Read the person afresh, so that disabling an account or changing a role takes effect at once.
            Optional<StaffUser> user = staffUsers.find(caller.username()).filter(StaffUser::isEnabled);
            if (user.isPresent()) {
                if (user.get().isMustChangePassword() && context.isProtected() && !path.equals(PASSWORD_PAGE)) {
                    return redirect(request, response, context, PASSWORD_PAGE);
                }
                return context.notifyContainerAboutLogin(user.get().getUsername(), user.get().getRole().groups());
            }
            session.invalidate();
        }
        if (context.isProtected()) {
            return redirect(request, response, context, LOGIN_PAGE);
        }
        return context.doNothing();
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return apiKeys.authenticate(header.substring(7).trim())
                    .map(key -> context.notifyContainerAboutLogin(key.name(), key.role().groups()))
                    .orElseGet(() -> unauthorized(response, context));
        }
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = decode(header.substring(6).trim());
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                char[] password = decoded.substring(colon + 1).toCharArray();
                LoginOutcome outcome = logins.attemptForRequest(decoded.substring(0, colon), password);
                if (outcome instanceof LoginOutcome.SignedIn who) {
                    return context.notifyContainerAboutLogin(who.username(), who.groups());
                }
            }
            return unauthorized(response, context);
        }
        return context.isProtected() ? unauthorized(response, context) : context.doNothing();
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"sms-console\", charset=\"UTF-8\"");
        return context.responseUnauthorized();
    }

    private static AuthenticationStatus redirect(HttpServletRequest request, HttpServletResponse response,
                                                 HttpMessageContext context, String page) {
        String location = request.getContextPath() + page;
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // An ajax request cannot follow a 302; Faces understands this answer instead.
            try {
                response.setContentType("text/xml");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                        + location + "\"></redirect></partial-response>");
                return AuthenticationStatus.SEND_CONTINUE;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return context.redirect(location);
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
