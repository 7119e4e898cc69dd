package dev.safedelete.plan;

/** How the planner treats relationships that would block. */
public enum Mode {
    /** Every relationship keeps the rule the database (or the declaration) gives it. */
    FOLLOW_RULES,
    /** RESTRICT and NO ACTION become CASCADE: "delete child records first", the documented fix for 1451/23503/547. */
    CASCADE_ALL
}
