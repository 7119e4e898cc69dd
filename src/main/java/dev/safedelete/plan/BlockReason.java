package dev.safedelete.plan;

/** Why a row stops the delete. */
public enum BlockReason {
    RESTRICT, NO_ACTION, NOT_NULL, DEFAULT_MISSING, PROTECTED_TABLE, PRIVILEGE, LIMIT
}
