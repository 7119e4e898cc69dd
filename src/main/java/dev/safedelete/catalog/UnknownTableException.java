package dev.safedelete.catalog;

import dev.safedelete.error.SafeDeleteException;

import java.util.Map;

/** The target has no table of the name the caller gave. */
public class UnknownTableException extends SafeDeleteException {

    public UnknownTableException(String detail, Map<String, ?> facts) {
        super(detail, facts);
    }
}
