package org.smsconsole.web.security;

import java.io.Serializable;

/** Who is signed in to a browser session; only the name, the rest is read fresh on each request. */
record SignedInCaller(String username) implements Serializable {
    static final String SESSION_KEY = SignedInCaller.class.getName();
}
