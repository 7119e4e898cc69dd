package dev.safedelete.error;

import java.util.Map;

/** The caller asked for something that cannot be done as asked; the detail names the field at fault. */
public class InvalidRequestException extends SafeDeleteException {

    /** What is wrong with the request. */
    public enum Reason {
        TOO_MANY_KEYS, INVALID_KEY, INVALID_OVERRIDE, UNKNOWN_RELATIONSHIP, CONFIRMATION_TOKEN_MISSING,
        CONFIRMATION_TOKEN_MISMATCH, INVALID_CURSOR
    }

    private final Reason reason;

    public InvalidRequestException(Reason reason, String detail, Map<String, ?> facts) {
        super(detail, facts);
        this.reason = reason;
    }

    /** A mistake in one field, named as {@code facts.field}. */
    public InvalidRequestException(Reason reason, String field, String detail) {
        this(reason, detail, Map.of("field", field));
    }

    public Reason reason() {
        return reason;
    }
}
