package org.smsconsole.contact.imports;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The import jobs this console process has taken on and not finished. Their heartbeat is kept
 * going from here, and they are never taken for abandoned by this process, whatever its clock says.
 */
@ApplicationScoped
public class LiveImports {

    private final Set<Long> ids = ConcurrentHashMap.newKeySet();

    void add(long jobId) {
        ids.add(jobId);
    }

    void remove(long jobId) {
        ids.remove(jobId);
    }

    boolean contains(long jobId) {
        return ids.contains(jobId);
    }

    Set<Long> ids() {
        return Set.copyOf(ids);
    }
}
