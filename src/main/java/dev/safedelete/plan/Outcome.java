package dev.safedelete.plan;

/** What happens to one affected row; every affected row has exactly one (semantics.md). */
public enum Outcome {
    DELETE, SET_NULL, SET_DEFAULT, BLOCK
}
