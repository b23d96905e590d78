package org.smsconsole.sinch;

import java.util.List;

/**
 * One page of a Sinch list. {@code count} is the total number of matches, {@code pageSize}
 * the number of items on THIS page (not the size asked for).
 */
public interface Page<T> {
    Integer count();

    Integer page();

    Integer pageSize();

    List<T> items();
}
