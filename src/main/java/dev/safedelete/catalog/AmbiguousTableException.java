package dev.safedelete.catalog;

import dev.safedelete.error.SafeDeleteException;

import java.util.Map;

/** A bare table name that several schemas of the target have; {@code facts.candidates} lists them. */
public class AmbiguousTableException extends SafeDeleteException {

    public AmbiguousTableException(String detail, Map<String, ?> facts) {
        super(detail, facts);
    }
}
