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
 * <p>
 * A 401 on {@code /api} challenges with {@code Bearer}, never {@code Basic}: a Basic challenge makes a browser ask
 * for a password and then send it with every request to the console, including those other sites' pages make.
 * Machines still send Basic credentials unasked. A password set by an administrator or generated (one the person
 * must change) works for nothing but changing it: the API refuses it. Redirects are relative, never built from the
 * request's Host header.
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

    @Inject
    ClientAddress clientAddress;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/api/metrics")) {
            return context.doNothing(); // checks its own scrape token (SMS_METRICS_TOKEN), without the database
        }
        if (path.startsWith("/api/") || path.equals("/api")) {
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
                    .orElseGet(() -> unauthorized(response, "This API key is not known or was revoked"));
        }
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = decode(header.substring(6).trim());
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                char[] password = decoded.substring(colon + 1).toCharArray();
                LoginOutcome outcome = logins.attemptForRequest(decoded.substring(0, colon), password, clientAddress.of(request));
                if (outcome instanceof LoginOutcome.SignedIn who && who.mustChangePassword()) {
                    return unauthorized(response, "This is a one-time password: sign in to the console and choose your own"
                            + " before using it with the API");
                }
                if (outcome instanceof LoginOutcome.SignedIn who) {
                    return context.notifyContainerAboutLogin(who.username(), who.groups());
                }
                if (outcome instanceof LoginOutcome.Refused refused) {
                    return unauthorized(response, refused.reason());
                }
            }
            return unauthorized(response, null);
        }
        return context.isProtected() ? unauthorized(response, null) : context.doNothing();
    }

    /** 401 with a Bearer challenge (see the class comment); the error page turns it into a problem with the detail. */
    private static AuthenticationStatus unauthorized(HttpServletResponse response, String detail) {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"sms-console\"");
        try {
            if (detail == null) {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED, detail);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
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
        return context.redirect(location); // stays relative: glassfish-web.xml's relativeRedirectAllowed
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
